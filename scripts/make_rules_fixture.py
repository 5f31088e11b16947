"""Write tests/fixtures/rules/polyline_rules.pdf: the reference disclosure with every table
rule redrawn as a there-and-back polyline, as some exporters draw borders.

    .venv/bin/python scripts/make_rules_fixture.py

It prints exactly like the original, but a polyline is a curve, not a line, to a PDF reader,
so camelot's render-free vector engine finds no table in it: only the raster fallback in
pipelines/extract/grids.py can read it. The ground truth is the reference's own.
"""

from __future__ import annotations

import re
from pathlib import Path

from pypdf import PdfReader, PdfWriter
from pypdf.generic import StreamObject

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT / "data/samples/d323_2022_budget.pdf"
OUT = ROOT / "tests/fixtures/rules/polyline_rules.pdf"

# LibreOffice draws each rule as "x0 y0 m x1 y1 l S"; end it back at its start instead.
RULE = re.compile(rb"([\d.]+ [\d.]+) m\n([\d.]+ [\d.]+) l S")


def redraw_rules(source: Path, out: Path) -> int:
    writer = PdfWriter(clone_from=PdfReader(source))
    redrawn = 0
    for page in writer.pages:
        content, count = RULE.subn(rb"\1 m\n\2 l\n\1 l S", page.get_contents().get_data())
        stream = StreamObject()
        stream.set_data(content)
        page.replace_contents(stream)
        page.compress_content_streams()
        redrawn += count
    if not redrawn:
        raise SystemExit(f"no rules found to redraw in {source}: has the renderer changed?")
    out.parent.mkdir(parents=True, exist_ok=True)
    writer.write(out)
    return redrawn


if __name__ == "__main__":
    rules = redraw_rules(REFERENCE, OUT)
    print(f"{OUT.relative_to(ROOT)}: {rules} rules redrawn, {OUT.stat().st_size} bytes")
