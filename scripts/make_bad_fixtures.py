"""Write the unreadable-input fixtures under tests/fixtures/bad/ from the reference PDF.

    .venv/bin/python scripts/make_bad_fixtures.py

empty.pdf (0 bytes), truncated.pdf (first 30% of the bytes), encrypted.pdf (user password),
scanned.pdf (pages rasterised, no text layer), not_a_disclosure.pdf (a spreadsheet of other
data rendered like the samples), not_a_pdf.pdf (an HTML error page saved with a .pdf name).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pypdfium2 as pdfium
from openpyxl import Workbook
from pypdf import PdfReader, PdfWriter

from testkit.render import convert

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT / "data/samples/d323_2022_budget.pdf"
OUT = ROOT / "tests/fixtures/bad"


def encrypted(out: Path) -> None:
    writer = PdfWriter(clone_from=PdfReader(REFERENCE))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="AES-128")
    writer.write(out)


def scanned(out: Path, pages: int = 3) -> None:
    pdf = pdfium.PdfDocument(REFERENCE)
    images = [pdf[i].render(scale=1.0).to_pil().convert("L") for i in range(1, pages + 1)]
    images[0].save(out, save_all=True, append_images=images[1:], resolution=72.0)


def not_a_disclosure(out: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.append(["食堂菜单", "周一", "周二"])
    ws.append(["早餐", "包子", "油条"])
    ws.append(["午餐", "米饭", "面条"])
    with tempfile.TemporaryDirectory() as tmp:
        xlsx = Path(tmp) / "menu.xlsx"
        wb.save(xlsx)
        convert([xlsx], Path(tmp))
        out.write_bytes((Path(tmp) / "menu.pdf").read_bytes())


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    data = REFERENCE.read_bytes()
    (OUT / "empty.pdf").write_bytes(b"")
    (OUT / "truncated.pdf").write_bytes(data[: len(data) * 3 // 10])
    (OUT / "not_a_pdf.pdf").write_bytes(b"<html><body>404 Not Found</body></html>\n")
    encrypted(OUT / "encrypted.pdf")
    scanned(OUT / "scanned.pdf")
    not_a_disclosure(OUT / "not_a_disclosure.pdf")
    for path in sorted(OUT.iterdir()):
        print(path.relative_to(ROOT), path.stat().st_size)


if __name__ == "__main__":
    main()
