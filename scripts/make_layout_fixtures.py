"""Write tests/fixtures/rules/: the reference disclosure printed the ways that defeat camelot's
render-free vector engine, so only the raster fallback in pipelines/extract/grids.py reads it.

    .venv/bin/python scripts/make_layout_fixtures.py

- polyline_rules.pdf: every table rule redrawn as a there-and-back polyline, as some exporters
  draw borders. It prints like the original, but a polyline is a curve, not a line, to a PDF
  reader.
- ocr_scan.pdf: what ``ocrmypdf`` makes of a scan: each page a 150 dpi black-and-white image
  with the (here: perfect) text as an invisible layer on top; no drawn rules at all.

The ground truth of both is the reference's own.
"""

from __future__ import annotations

import re
import zlib
from pathlib import Path

import pypdfium2 as pdfium
from pypdf import PdfReader, PdfWriter
from pypdf.generic import DictionaryObject, NameObject, NumberObject, StreamObject

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT / "data/samples/d323_2022_budget.pdf"
OUT = ROOT / "tests/fixtures/rules"

# LibreOffice draws each rule as "x0 y0 m x1 y1 l S".
RULE = re.compile(rb"([\d.]+ [\d.]+) m\n([\d.]+ [\d.]+) l S")
SCAN_DPI = 150
INK_BELOW = 235  # grey levels below this become black: thin anti-aliased rules survive


def rewrite_pages(source: Path, out: Path, rewrite) -> None:
    """Apply ``rewrite(writer, page_index, page, content) -> content`` to every page."""
    writer = PdfWriter(clone_from=PdfReader(source))
    for index, page in enumerate(writer.pages):
        content = rewrite(writer, index, page, page.get_contents().get_data())
        stream = StreamObject()
        stream.set_data(content)
        page.replace_contents(stream)
        page.compress_content_streams()
    out.parent.mkdir(parents=True, exist_ok=True)
    writer.write(out)


def polyline_rules(source: Path, out: Path) -> None:
    def redraw(_writer, _index, _page, content: bytes) -> bytes:
        return RULE.sub(rb"\1 m\n\2 l\n\1 l S", content)

    rewrite_pages(source, out, redraw)


def ocr_scan(source: Path, out: Path) -> None:
    rendered = pdfium.PdfDocument(source)

    def scan(writer: PdfWriter, index: int, page, content: bytes) -> bytes:
        name = f"/Scan{index}"  # LibreOffice pages share one resource dictionary
        xobjects = page["/Resources"].setdefault(NameObject("/XObject"), DictionaryObject())
        image = writer._add_object(page_image(rendered[index]))  # pypdf has no public form
        xobjects.get_object()[NameObject(name)] = image
        text_only = RULE.sub(b"", content).replace(b"BT\n", b"BT\n3 Tr\n")  # 3 Tr: invisible
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        return f"q {width} 0 0 {height} 0 0 cm {name} Do Q\n".encode() + text_only

    rewrite_pages(source, out, scan)


def page_image(page: pdfium.PdfPage) -> StreamObject:
    """The page as a 1-bit image (Flate), the way office scanners save black-and-white."""
    grey = page.render(scale=SCAN_DPI / 72).to_pil().convert("L")
    bits = grey.point(lambda v: 255 if v >= INK_BELOW else 0).convert("1")
    image = StreamObject()
    image.set_data(zlib.compress(bits.tobytes(), 9))
    image.update(
        {
            NameObject("/Type"): NameObject("/XObject"),
            NameObject("/Subtype"): NameObject("/Image"),
            NameObject("/Width"): NumberObject(bits.width),
            NameObject("/Height"): NumberObject(bits.height),
            NameObject("/ColorSpace"): NameObject("/DeviceGray"),
            NameObject("/BitsPerComponent"): NumberObject(1),
            NameObject("/Filter"): NameObject("/FlateDecode"),
        }
    )
    return image


if __name__ == "__main__":
    polyline_rules(REFERENCE, OUT / "polyline_rules.pdf")
    ocr_scan(REFERENCE, OUT / "ocr_scan.pdf")
    for path in sorted(OUT.glob("*.pdf")):
        print(f"{path.relative_to(ROOT)}: {path.stat().st_size} bytes")
