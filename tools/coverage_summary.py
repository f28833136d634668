"""Print the test coverage of each addon (statements covered / statements)."""

import json
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main():
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        subprocess.run(
            [sys.executable, "-m", "coverage", "json", "-q", "-o", out.name],
            cwd=ROOT,
            check=True,
        )
        data = json.load(open(out.name, encoding="utf-8"))
    totals = defaultdict(lambda: [0, 0])
    for path, info in data["files"].items():
        addon = Path(path).parts[0]
        totals[addon][0] += info["summary"]["covered_lines"]
        totals[addon][1] += info["summary"]["num_statements"]
    print("\nCoverage per addon")
    for addon in sorted(totals):
        covered, statements = totals[addon]
        percent = 100.0 * covered / statements if statements else 100.0
        print(f"  {addon:<28} {covered:>5} / {statements:<5} {percent:5.1f} %")


if __name__ == "__main__":
    main()
