"""Splitting a compilation: published disclosures bound into one PDF, cut back into parts.

    .venv/bin/python benchmarks/bench_compilation.py [--pages 2000] [--runs 3]

Binds published files from ``../shared/corpus-real`` (those holding a table set, in name
order, until ``--pages``) into one PDF, the way a city binds its departments' exports. Each
run times what reading the compilation costs before its parts are read: the page text every
document pays for anyway (pdfium), finding the cuts (``compilation_parts``) and writing the
parts (``write_parts``). Prints medians, pages/s, and whether every cut is where the bound
files met; writes ``benchmarks/results/compilation.json``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path

from pypdf import PdfReader, PdfWriter

from pipelines.extract.compilation import compilation_parts, family_titles, write_parts
from pipelines.extract.errors import UnreadableDocument
from pipelines.extract.pdf_text import open_pdf, read_pages

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT.parent / "shared/corpus-real/pdf"
RESULT = ROOT / "benchmarks/results/compilation.json"


def with_table_set(path: Path) -> int:
    """The file's page count when it prints a 收支总表 and two more family tables, else 0."""
    try:
        pdf = open_pdf(path)
        try:
            pages = read_pages(pdf)
        finally:
            pdf.close()
    except UnreadableDocument:  # scans, damaged files: no part of a compilation here
        return 0
    codes = {code for _, code in family_titles(pages)}
    return len(pages) if "income_expenditure_summary" in codes and len(codes) >= 3 else 0


def bind(limit: int, target: Path) -> list[tuple[int, int]]:
    writer, ranges, done = PdfWriter(), [], 0
    for path in sorted(REAL.glob("*.pdf")):
        count = with_table_set(path)
        if not count or done + count > limit:
            continue
        for page in PdfReader(path).pages:
            writer.add_page(page)
        ranges.append((done + 1, done + count))
        done += count
    writer.write(target)
    return ranges


def one_run(path: Path) -> dict[str, float | bool | int]:
    clock = time.perf_counter()
    pdf = open_pdf(path)
    pages = read_pages(pdf)
    pdf.close()
    read = time.perf_counter()
    parts = compilation_parts(pages)
    found = time.perf_counter()
    write_parts(path, parts)
    written = time.perf_counter()
    return {
        "text_s": read - clock,
        "cuts_s": found - read,
        "write_s": written - found,
        "parts": len(parts),
        "cuts": [(p.first, p.last) for p in parts],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "compilation.pdf"
        ranges = bind(args.pages, target)
        pages = ranges[-1][1]
        runs = [one_run(target) for _ in range(args.runs)]
    median = {k: statistics.median(r[k] for r in runs) for k in ("text_s", "cuts_s", "write_s")}
    total = sum(median.values())
    result = {
        "disclosures": len(ranges),
        "pages": pages,
        "runs": args.runs,
        "median_s": {k: round(v, 2) for k, v in median.items()},
        "pages_per_s": round(pages / total, 1),
        "cuts_overhead_over_text": round(median["cuts_s"] / median["text_s"], 3),
        "every_cut_right": all(r["cuts"] == ranges for r in runs),
    }
    print(json.dumps(result, indent=2, ensure_ascii=False))
    RESULT.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
