"""What every addon of the repository must have, whatever it does."""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ADDONS = sorted(p.parent.name for p in ROOT.glob("*/__manifest__.py"))
OCA_KEYS = {
    "name",
    "summary",
    "version",
    "category",
    "website",
    "author",
    "maintainers",
    "license",
    "development_status",
    "depends",
    "installable",
}
LANGUAGES = ("fr", "nl")


def manifest(addon):
    return ast.literal_eval((ROOT / addon / "__manifest__.py").read_text())


def has_translatable_strings(addon):
    """Views, data and code with user-facing strings make a .pot necessary."""
    folder = ROOT / addon
    return any(folder.glob("models/*.py")) or any(folder.glob("views/*.xml"))


def test_the_four_addons_are_there():
    assert ADDONS == [
        "account_customer_wallet",
        "komunigi_contribution",
        "komunigi_membership",
        "pos_customer_wallet",
    ]


@pytest.mark.parametrize("addon", ADDONS)
def test_manifest_has_the_oca_keys(addon):
    data = manifest(addon)
    assert OCA_KEYS <= set(data), OCA_KEYS - set(data)
    assert data["license"] == "AGPL-3"
    assert re.fullmatch(r"16\.0\.\d+\.\d+\.\d+", data["version"])
    assert data["installable"] is True
    empty = [key for key, value in data.items() if value in ("", [], {}, None)]
    assert not empty, f"empty manifest keys: {empty}"


@pytest.mark.parametrize("addon", ADDONS)
def test_every_file_of_the_manifest_exists(addon):
    data = manifest(addon)
    for key in ("data", "demo"):
        for name in data.get(key, []):
            assert (ROOT / addon / name).is_file(), f"{addon}: {key} {name}"


@pytest.mark.parametrize("addon", ADDONS)
def test_readme_fragments_and_generated_readme(addon):
    assert (ROOT / addon / "readme" / "DESCRIPTION.rst").is_file()
    readme = ROOT / addon / "README.rst"
    assert readme.is_file()
    assert manifest(addon)["name"] in readme.read_text()


@pytest.mark.parametrize("addon", [a for a in ADDONS if has_translatable_strings(a)])
def test_translations_are_complete(addon):
    i18n = ROOT / addon / "i18n"
    pot = i18n / f"{addon}.pot"
    assert pot.is_file(), f"{addon} has no {pot.name}"
    import polib

    template_ids = {entry.msgid for entry in polib.pofile(str(pot))}
    assert template_ids, f"{pot.name} is empty"
    for lang in LANGUAGES:
        po_path = i18n / f"{lang}.po"
        assert po_path.is_file(), f"{addon} has no {lang}.po"
        po = polib.pofile(str(po_path))
        missing = sorted(
            template_ids - {e.msgid for e in po if e.msgstr or e.msgstr_plural}
        )
        assert not missing, f"{addon}/{lang}.po lacks {len(missing)}: {missing[:5]}"


def test_nothing_from_odoo_source_is_tracked():
    import subprocess

    tracked = subprocess.run(
        ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert not [p for p in tracked if p.startswith(("odoo/", "addons/"))]
