"""Render the reference disclosure (unit 323, 2022) to data/samples/ with its ground truth.

.venv/bin/python scripts/render_reference.py [OUT.pdf]
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from testkit.reference_d323 import reference_disclosure
from testkit.render import render_many
from testkit.truth import write_truth

DEFAULT_OUT = Path(__file__).resolve().parents[1] / "data/samples/d323_2022_budget.pdf"


def main(out: Path = DEFAULT_OUT) -> None:
    doc = reference_disclosure()
    render_many({out: doc})
    for path in (out, *write_truth(doc, out)):
        print(path)


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_OUT)
