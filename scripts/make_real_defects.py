"""Write the defect copies of tests/corpus_real/defects.json into a folder, to open and read.

    .venv/bin/python scripts/make_real_defects.py OUT_DIR

Each copy is its published original (../shared/corpus-real/pdf) with one slip seeded by
``testkit.real_defects``; tests/test_real_defects.py makes and ingests the same copies.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from testkit.real_defects import Edit, apply_edits

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "tests/corpus_real/defects.json"
REAL = ROOT.parent / "shared/corpus-real/pdf"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder to write defect_<name>.pdf into")
    out = parser.parse_args().out
    out.mkdir(parents=True, exist_ok=True)
    for defect in json.loads(SPEC.read_text(encoding="utf-8"))["defects"]:
        target = out / f"defect_{defect['name']}.pdf"
        apply_edits(REAL / defect["source"], target, [Edit(**e) for e in defect["edits"]])
        caught = defect["caught_by"]
        print(f"{target}: {caught['severity']} {caught['check_name']} at {caught['item_key']}")


if __name__ == "__main__":
    main()
