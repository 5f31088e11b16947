"""Write a fresh generated corpus (PDFs + ground truth + manifest) for accuracy runs.

.venv/bin/python scripts/make_corpus.py OUT_DIR --seed 7 --units 5 --years 2 [--variants all]

A different seed gives different units and numbers; the same seed gives the same corpus.
``--variants`` is ``random`` (default: a random mix of print flags per document), ``all``
(cycle through every preset, plus one 决算 and one corrected re-publication) or a preset name.
"""

from __future__ import annotations

import argparse
import csv
import json
import logging
from pathlib import Path

from testkit.consistency import check_disclosure
from testkit.corpus_set import Entry, corpus
from testkit.render import render_many
from testkit.truth import write_truth
from testkit.variants import PRESETS

LAST_YEAR = 2023
BATCH = 10  # documents per LibreOffice run: one run given ~250 workbooks stops converting


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--units", type=int, default=3)
    parser.add_argument("--years", type=int, default=2)
    parser.add_argument("--last-year", type=int, default=LAST_YEAR)
    parser.add_argument("--variants", default="random", choices=["random", "all", *PRESETS])
    return parser.parse_args()


def write_manifest(out_dir: Path, entries: list[Entry]) -> Path:
    path = out_dir / "manifest.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(
            [
                "file_name",
                "dept_code",
                "dept_name",
                "fiscal_year",
                "doc_kind",
                "revision",
                "variant",
                "flags",
            ]
        )
        for e in entries:
            d = e.doc
            writer.writerow(
                [
                    f"{e.stem}.pdf",
                    d.dept_code,
                    d.dept_name,
                    d.fiscal_year,
                    d.doc_kind,
                    d.provenance["revision"],
                    e.variant_name,
                    json.dumps(d.provenance["variant"], ensure_ascii=False),
                ]
            )
    return path


def main() -> None:
    args = parse_args()
    years = list(range(args.last_year - args.years + 1, args.last_year + 1))
    entries = corpus(args.seed, args.units, years, args.variants)
    for e in entries:
        if problems := check_disclosure(e.doc):
            raise SystemExit(f"{e.stem} is inconsistent: {problems[:3]}")
    args.out_dir.mkdir(parents=True, exist_ok=True)
    for start in range(0, len(entries), BATCH):
        batch = entries[start : start + BATCH]
        render_many({args.out_dir / f"{e.stem}.pdf": e.doc for e in batch})
        for e in batch:
            write_truth(e.doc, args.out_dir / f"{e.stem}.pdf")
            print(args.out_dir / f"{e.stem}.pdf")
    print(write_manifest(args.out_dir, entries))


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING)
    main()
