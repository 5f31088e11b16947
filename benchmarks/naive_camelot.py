"""The naive baseline: plain camelot over every page of every file, nothing else.

    .venv/bin/python benchmarks/naive_camelot.py FILE.pdf...

``camelot.read_pdf(path, pages="all")`` with camelot's defaults (lattice flavor, its default
engine), one file after another in this one process. Prints one JSON line: per file, the tables
found and the seconds it took inside the process (``bench_ingest.py`` times the whole process).
"""

from __future__ import annotations

import json
import sys
import time
import warnings

import camelot


def read_all(path: str) -> dict[str, float | int]:
    """Tables camelot finds on every page of one PDF, and the seconds it took."""
    clock = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "no tables found on page N" for text-only pages
        tables = camelot.read_pdf(path, pages="all")
    return {"tables": len(tables), "seconds": round(time.perf_counter() - clock, 3)}


def main(paths: list[str]) -> None:
    print(json.dumps({path: read_all(path) for path in paths}))


if __name__ == "__main__":
    main(sys.argv[1:])
