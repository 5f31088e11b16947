"""Write the bad-input fixtures under tests/fixtures/bad/ (files missing there; --force: all).

    .venv/bin/python scripts/make_bad_fixtures.py [--force]

From the reference PDF: empty.pdf (0 bytes), truncated.pdf (first 30% of the bytes),
encrypted.pdf (user password), scanned.pdf (pages rasterised, no text layer),
not_a_disclosure.pdf (a spreadsheet of other data rendered like the samples), not_a_pdf.pdf (an
HTML error page saved with a .pdf name).

From small one-table disclosures made here (spreadsheet → LibreOffice PDF, one unit each, so
every one can load as its own document): owner_password.pdf (no user password, text
extraction not allowed), damaged_xref.pdf (every xref offset wrong), corrupted_stream.pdf (the
page's content stream garbled near its end), huge_content_stream.pdf (a 21 MB content stream
of tiny strokes after the table), page_tree_cycle.pdf (the page tree lists itself as a kid),
deep_nesting.pdf (an array nested 100,000 deep), huge_image.pdf (a 400-megapixel stamp),
no_tounicode.pdf (fonts without their ToUnicode maps: text reads as control codes),
javascript.pdf (an OpenAction script),
attachment.pdf (a disclosure carrying an attached file), decimal_overflow.pdf (a number too
large for DECIMAL(20,6)), narrative_overflow.pdf (the same, stated in the narrative),
images_only.pdf (the page as strips of images, no text), portfolio.pdf (a cover page and two
attached disclosures), xfa_form.pdf (an XFA form: the "please wait" page a non-XFA reader
sees), zero_pages.pdf (a valid PDF with no page), and good/unit_6NN.pdf: loadable disclosures
the tests copy under odd names.
"""

from __future__ import annotations

import argparse
import io
import re
import shutil
import subprocess
import sys
import tempfile
import zlib
from collections.abc import Callable
from pathlib import Path

import pypdfium2 as pdfium
from openpyxl import Workbook
from pypdf import PdfReader, PdfWriter
from pypdf.actions import JavaScript
from pypdf.constants import UserAccessPermissions
from pypdf.generic import (
    ArrayObject,
    BooleanObject,
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
    NumberObject,
    StreamObject,
)

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_identity_fixtures import Fixture, write_sheet  # noqa: E402

from testkit.render import convert  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT / "data/samples/d323_2022_budget.pdf"
OUT = ROOT / "tests/fixtures/bad"
GOOD = OUT / "good"

# Units of the small disclosures: a base for each transformed fixture, and loadable copies.
UNITS = {
    "owner_password": ("601", "某县财政局"),
    "damaged_xref": ("602", "某县水利局"),
    "corrupted_stream": ("603", "某县审计局"),
    "javascript": ("604", "某县统计局"),
    "attachment": ("605", "某县林业局"),
    "decimal_overflow": ("606", "某县商务局"),
    "images_only": ("607", "某县司法局"),
    "narrative_overflow": ("608", "某县民政局"),
    "huge_content_stream": ("609", "某县体育局"),
    "deep_nesting": ("621", "某县档案局"),
    "huge_image": ("622", "某县气象局"),
    "page_tree_cycle": ("623", "某县人民防空办公室"),
    "no_tounicode": ("624", "某县信访局"),
    **{f"unit_6{n}": (f"6{n}", name) for n, name in [
        ("11", "某县交通运输局"), ("12", "某县农业农村局"), ("13", "某县自然资源局"),
        ("14", "某县应急管理局"), ("15", "某县住房和城乡建设局"), ("16", "某县退役军人事务局"),
        ("17", "某县市场监督管理局"), ("18", "某县医疗保障局"),
    ]},
}  # fmt: skip
OVERFLOW = "123456789012345678.00"  # 18 integer digits: DECIMAL(20,6) holds 14
COVERS = {  # pages without a table: what a portfolio or an XFA form shows a plain reader
    "portfolio_cover": "本文件为PDF包，内含附件，请使用支持PDF包的阅读器打开。",
    "xfa_cover": "Please wait... If this message is not eventually replaced by the proper "
    "contents of the document, your PDF viewer may not be able to display this type of document.",
}


def disclosure(code: str, name: str, total: str = "96.00", stated: str = "") -> Fixture:
    """One 收支总表 of unit ``code``; ``stated``: a figure its narrative line states."""
    said = f"2023年收入预算总计{stated}万元。" if stated else ""
    return Fixture(
        "",
        "部门预算收支总表",
        [f"单位名称：{code} {name}", "预算年度：2023        单位：万元"],
        total,
        [f"现将{name}2023年部门预算公开如下：{said}"],
    )


def render_small(work: Path) -> dict[str, Path]:
    """The small disclosures and cover pages, as PDFs in ``work`` (one LibreOffice run)."""
    sheets = []
    for stem, (code, name) in UNITS.items():
        total = OVERFLOW if stem == "decimal_overflow" else "96.00"
        stated = OVERFLOW if stem == "narrative_overflow" else ""
        sheets.append(work / f"{stem}.xlsx")
        write_sheet(disclosure(code, name, total, stated), sheets[-1])
    for stem, text in COVERS.items():
        wb = Workbook()
        wb.active.append([text])
        sheets.append(work / f"{stem}.xlsx")
        wb.save(sheets[-1])
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        raise SystemExit("LibreOffice is needed: bash scripts/setup.sh --render")
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{work}/profile", "--headless",
         "--convert-to", "pdf", "--outdir", str(work), *map(str, sheets)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    return {s.stem: s.with_suffix(".pdf") for s in sheets}


def encrypted(out: Path) -> None:
    writer = PdfWriter(clone_from=PdfReader(REFERENCE))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="AES-128")
    writer.write(out)


def owner_password(src: Path, out: Path) -> None:
    """Opens without a password, but the permissions forbid copying text (bit 5 unset)."""
    writer = PdfWriter(clone_from=PdfReader(src))
    writer.encrypt(
        user_password="",
        owner_password="owner",
        permissions_flag=UserAccessPermissions.PRINT,
        algorithm="AES-128",
    )
    writer.write(out)


def damaged_xref(src: Path, out: Path) -> None:
    """Every xref entry and startxref point 7 bytes off: readers must rebuild the table."""
    data = src.read_bytes()

    def shift(m: re.Match[bytes]) -> bytes:
        return b"%010d" % (int(m.group(1)) + 7) + m.group(2)

    data = re.sub(rb"(?m)^(\d{10})( \d{5} n)", shift, data)
    data = re.sub(rb"startxref\s+(\d+)", lambda m: b"startxref\n%d" % (int(m.group(1)) + 7), data)
    out.write_bytes(data)


def corrupted_stream(src: Path, out: Path, keep: float = 0.97) -> None:
    """The page's compressed content stream garbled after its first 97%: the table is drawn
    before the damage, the narrative line under it is lost (earlier damage loses the table)."""
    writer = PdfWriter(clone_from=PdfReader(src))
    contents = writer.pages[0]["/Contents"].get_object()
    raw = zlib.compress(contents.get_data())
    cut = int(len(raw) * keep)
    contents._data = raw[:cut] + bytes(b ^ 0x5A for b in raw[cut:])  # stored as is
    contents[NameObject("/Filter")] = NameObject("/FlateDecode")
    writer.write(out)


def huge_content_stream(src: Path, out: Path, megabytes: int = 21) -> None:
    """The page's table, then ~650,000 strokes a fifth of a point long: a 21 MB content stream
    (as published files hold), compressed to 67 KB. Read without limits it holds a worker for
    ~40 s and 1.2 GB (measured on this machine)."""
    writer = PdfWriter(clone_from=PdfReader(src))
    page = writer.pages[0]
    stroke = b"0.1 w 100 100 m 100.2 100.2 l S\n"
    strokes = DecodedStreamObject()
    strokes.set_data(b"q\n" + stroke * (megabytes * 1024 * 1024 // len(stroke)) + b"Q\n")
    existing = page["/Contents"]
    parts = list(existing) if isinstance(existing, ArrayObject) else [page.raw_get("/Contents")]
    parts.append(writer._add_object(strokes.flate_encode()))
    page[NameObject("/Contents")] = ArrayObject(parts)
    writer.write(out)


def page_tree_cycle(src: Path, out: Path) -> None:
    """The page tree lists itself among its kids (and counts two pages): a loop."""
    writer = PdfWriter(clone_from=PdfReader(src))
    pages = writer._root_object["/Pages"].get_object()
    pages["/Kids"].append(writer._root_object.raw_get("/Pages"))
    pages[NameObject("/Count")] = NumberObject(2)
    writer.write(out)


def deep_nesting(src: Path, out: Path, depth: int = 100_000) -> None:
    """The page dictionary, updated incrementally, carries an array nested 100,000 deep (a
    parser that recurses per level overflows its stack)."""
    data = src.read_bytes()
    reader = PdfReader(src)
    page = reader.trailer["/Root"]["/Pages"]["/Kids"][0]
    body = re.search(rb"\n%d 0 obj\s*(.*?)\s*endobj" % page.idnum, data, re.S).group(1)
    nested = body.rstrip()[:-2] + b" /PieceInfo " + b"[" * depth + b"]" * depth + b" >>"
    out.write_bytes(incremental_update(data, reader, page.idnum, nested))


def incremental_update(data: bytes, reader: PdfReader, number: int, body: bytes) -> bytes:
    """``data`` with a new version of object ``number`` appended (a new xref section and a
    trailer pointing back at the previous one), as an editor saves a change."""
    previous = int(re.findall(rb"startxref\s+(\d+)", data)[-1])
    obj = b"\n%d 0 obj\n%s\nendobj\n" % (number, body)
    xref_at = len(data) + len(obj)
    root = reader.trailer.raw_get("/Root").idnum
    return (
        data
        + obj
        + b"xref\n%d 1\n%010d 00000 n \n" % (number, len(data) + 1)
        + b"trailer\n<< /Size %d /Root %d 0 R /Prev %d >>\n"
        % (reader.trailer["/Size"], root, previous)
        + b"startxref\n%d\n%%%%EOF\n" % xref_at
    )


def huge_image(src: Path, out: Path, side: int = 20_000) -> None:
    """A 20,000 × 20,000 pixel image (400 megapixels, 50 MB decoded at one bit) drawn as a
    small stamp beside the table: no reader needs to decode it to read the page."""
    writer = PdfWriter(clone_from=PdfReader(src))
    page = writer.pages[0]
    image = StreamObject()
    image._data = zlib.compress(bytes(side * side // 8), 9)
    image.update({
        NameObject("/Type"): NameObject("/XObject"), NameObject("/Subtype"): NameObject("/Image"),
        NameObject("/Width"): NumberObject(side), NameObject("/Height"): NumberObject(side),
        NameObject("/ColorSpace"): NameObject("/DeviceGray"),
        NameObject("/BitsPerComponent"): NumberObject(1),
        NameObject("/Filter"): NameObject("/FlateDecode"),
    })  # fmt: skip
    resources = page["/Resources"].get_object()
    xobjects = resources.setdefault(NameObject("/XObject"), DictionaryObject())
    xobjects[NameObject("/Stamp")] = writer._add_object(image)
    stamp = DecodedStreamObject()
    stamp.set_data(b"q 40 0 0 40 540 740 cm /Stamp Do Q\n")
    existing = page["/Contents"]
    parts = list(existing) if isinstance(existing, ArrayObject) else [page.raw_get("/Contents")]
    page[NameObject("/Contents")] = ArrayObject([*parts, writer._add_object(stamp)])
    writer.write(out)


def no_tounicode(src: Path, out: Path) -> None:
    """The fonts lose their ToUnicode maps: the text reads as glyph ids (control codes)."""
    writer = PdfWriter(clone_from=PdfReader(src))
    for page in writer.pages:
        for font in page["/Resources"]["/Font"].values():
            font.get_object().pop("/ToUnicode", None)
    writer.write(out)


def javascript(src: Path, out: Path) -> None:
    writer = PdfWriter(clone_from=PdfReader(src))
    writer.add_open_action(JavaScript("app.alert('本文件含有脚本');"))
    writer.write(out)


def attachment(src: Path, out: Path) -> None:
    writer = PdfWriter(clone_from=PdfReader(src))
    writer.add_attachment("说明.txt", "附件：编制说明".encode())
    writer.write(out)


def portfolio(cover: Path, parts: list[Path], out: Path) -> None:
    """A PDF portfolio (/Collection): the disclosures are attachments behind a cover page."""
    writer = PdfWriter(clone_from=PdfReader(cover))
    for part in parts:
        writer.add_attachment(part.name, part.read_bytes())
    collection = DictionaryObject({NameObject("/View"): NameObject("/D")})
    writer._root_object[NameObject("/Collection")] = collection
    writer.write(out)


def xfa_form(cover: Path, out: Path) -> None:
    """A dynamic XFA form: the content is XML in /AcroForm /XFA, the page only says wait."""
    writer = PdfWriter(clone_from=PdfReader(cover))
    xml = DecodedStreamObject()
    xml.set_data(
        b'<xdp:xdp xmlns:xdp="http://ns.adobe.com/xdp/"><template '
        b'xmlns="http://www.xfa.org/schema/xfa-template/3.3/"><subform name="form1">'
        b'<field name="total"><value><text>96.00</text></value></field></subform>'
        b"</template></xdp:xdp>"
    )
    form = DictionaryObject(
        {NameObject("/Fields"): ArrayObject(), NameObject("/XFA"): writer._add_object(xml)}
    )
    writer._root_object[NameObject("/AcroForm")] = writer._add_object(form)
    writer._root_object[NameObject("/NeedsRendering")] = BooleanObject(True)
    writer.write(out)


def images_only(src: Path, out: Path, strips: int = 4) -> None:
    """The page drawn as horizontal image strips (none covers half the page), no text."""
    page = pdfium.PdfDocument(src)[0]
    width, height = page.get_size()
    picture = page.render(scale=1.5).to_pil().convert("L")
    pdf = pdfium.PdfDocument.new()
    new = pdf.new_page(width, height)
    step = picture.height // strips
    for i in range(strips):
        strip = picture.crop((0, i * step, picture.width, (i + 1) * step))
        image = pdfium.PdfImage.new(pdf)
        buffer = io.BytesIO()
        strip.save(buffer, format="JPEG", quality=60)
        buffer.seek(0)
        image.load_jpeg(buffer, inline=True)
        strip_h = height / strips
        image.set_matrix(
            pdfium.PdfMatrix().scale(width, strip_h).translate(0, height - (i + 1) * strip_h)
        )
        new.insert_obj(image)
    new.gen_content()
    pdf.save(out)


def zero_pages(out: Path) -> None:
    PdfWriter().write(out)


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


def from_reference() -> dict[str, Callable[[Path], None]]:
    data = REFERENCE.read_bytes()
    return {
        "empty.pdf": lambda out: out.write_bytes(b""),
        "truncated.pdf": lambda out: out.write_bytes(data[: len(data) * 3 // 10]),
        "not_a_pdf.pdf": lambda out: out.write_bytes(b"<html><body>404 Not Found</body></html>\n"),
        "encrypted.pdf": encrypted,
        "scanned.pdf": scanned,
        "not_a_disclosure.pdf": not_a_disclosure,
        "zero_pages.pdf": zero_pages,
    }


def from_small(small: dict[str, Path]) -> dict[str, Callable[[Path], None]]:
    makers: dict[str, Callable[[Path], None]] = {
        "owner_password.pdf": lambda out: owner_password(small["owner_password"], out),
        "damaged_xref.pdf": lambda out: damaged_xref(small["damaged_xref"], out),
        "corrupted_stream.pdf": lambda out: corrupted_stream(small["corrupted_stream"], out),
        "javascript.pdf": lambda out: javascript(small["javascript"], out),
        "page_tree_cycle.pdf": lambda out: page_tree_cycle(small["page_tree_cycle"], out),
        "deep_nesting.pdf": lambda out: deep_nesting(small["deep_nesting"], out),
        "huge_image.pdf": lambda out: huge_image(small["huge_image"], out),
        "no_tounicode.pdf": lambda out: no_tounicode(small["no_tounicode"], out),
        "huge_content_stream.pdf": lambda out: huge_content_stream(
            small["huge_content_stream"], out
        ),
        "attachment.pdf": lambda out: attachment(small["attachment"], out),
        "decimal_overflow.pdf": lambda out: shutil.copy(small["decimal_overflow"], out),
        "narrative_overflow.pdf": lambda out: shutil.copy(small["narrative_overflow"], out),
        "images_only.pdf": lambda out: images_only(small["images_only"], out),
        "portfolio.pdf": lambda out: portfolio(
            small["portfolio_cover"], [small["unit_611"], small["unit_612"]], out
        ),
        "xfa_form.pdf": lambda out: xfa_form(small["xfa_cover"], out),
    }
    for stem in (s for s in UNITS if s.startswith("unit_")):
        makers[f"good/{stem}.pdf"] = lambda out, stem=stem: shutil.copy(small[stem], out)
    return makers


def main() -> None:
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--force", action="store_true", help="rewrite fixtures that exist")
    force = args.parse_args().force
    GOOD.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="bad-") as tmp:
        makers = {**from_reference(), **from_small(render_small(Path(tmp)))}
        for name, make in makers.items():
            if force or not (OUT / name).exists():
                make(OUT / name)
                print(OUT.relative_to(ROOT) / name, (OUT / name).stat().st_size)


if __name__ == "__main__":
    main()
