"""Each addon builds offline into its odoo-addon-<name> wheel."""

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ADDONS = sorted(p.parent.name for p in ROOT.glob("*/__manifest__.py"))


@pytest.mark.parametrize("addon", ADDONS)
def test_wheel_builds_offline(addon, tmp_path):
    setup_dir = ROOT / "setup" / addon
    assert (setup_dir / "setup.py").is_file()
    assert (setup_dir / "odoo" / "addons" / addon).resolve() == ROOT / addon
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "--no-index",
            "-q",
            "-w",
            str(tmp_path),
            str(setup_dir),
        ],
        check=True,
        cwd=ROOT,
        capture_output=True,
    )
    wheels = list(tmp_path.glob("*.whl"))
    assert len(wheels) == 1
    name, version = wheels[0].name.split("-")[:2]
    assert name == f"odoo_addon_{addon}"
    assert version.startswith("16.0.")
    with zipfile.ZipFile(wheels[0]) as wheel:
        assert f"odoo/addons/{addon}/__manifest__.py" in wheel.namelist()


def test_metapackage_lists_every_addon():
    setup_py = (ROOT / "setup" / "_metapackage" / "setup.py").read_text()
    for addon in ADDONS:
        assert f"odoo-addon-{addon}" in setup_py
