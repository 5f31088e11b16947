"""The naive baseline: plain camelot over every page of every file, nothing else.

    .venv/bin/python benchmarks/naive_camelot.py FILE.pdf... [--cells OUT.json]

``camelot.read_pdf(path, pages="all")`` with camelot's defaults (lattice flavor, its default
engine), one file after another in this one process. Prints one JSON line: per file, the tables
found, the numeric cells in them and the seconds ``read_pdf`` took inside the process
(``bench_ingest.py`` times the whole process). ``--cells`` also writes every numeric cell's text
per file, so the benchmark can count how many true values naive camelot returned.

A numeric cell is one whose whole text, once whitespace and thousands separators are dropped,
is a decimal number (``1,234.50``, ``-3``, ``0``): no joining of split cells, no header reading,
no units, no negative forms other than a leading minus. That is what a user of plain camelot
gets without writing extraction code; the counting happens after the timed ``read_pdf``.
"""

from __future__ import annotations

import argparse
import json
import re
import time
import warnings
from pathlib import Path

import camelot

NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
DROPPED = re.compile(r"[\s,，]+")


def numeric_cells(tables: camelot.core.TableList) -> list[str]:
    """The texts of every cell, in every table, that reads as one decimal number."""
    found = []
    for table in tables:
        for text in table.df.to_numpy().ravel():
            compact = DROPPED.sub("", str(text))
            if NUMBER.fullmatch(compact):
                found.append(compact)
    return found


def read_all(path: str) -> tuple[dict[str, float | int], list[str]]:
    """Tables camelot finds on every page of one PDF, their numeric cells, the seconds taken."""
    clock = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "no tables found on page N" for text-only pages
        tables = camelot.read_pdf(path, pages="all")
    seconds = round(time.perf_counter() - clock, 3)
    cells = numeric_cells(tables)
    return {"tables": len(tables), "numeric_cells": len(cells), "seconds": seconds}, cells


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--cells", type=Path, help="write {file: [numeric cell text, ...]}")
    args = parser.parse_args()
    summary, cells = {}, {}
    for path in args.paths:
        summary[path], cells[path] = read_all(path)
    if args.cells:
        args.cells.write_text(json.dumps(cells, ensure_ascii=False), encoding="utf-8")
    print(json.dumps(summary, ensure_ascii=False))


if __name__ == "__main__":
    main()
