"""Seed one error into a published PDF by rewriting printed characters in place.

The defect corpus (``tests/corpus_real/defects.json``) is made from real disclosures, not
from our renderer: a real document's layout, fonts and quirks stay as published, and one
printed figure or word is changed, so a check that catches the change is shown to work on
what governments print. An edit replaces characters of equal count (a digit for a digit,
``XX`` for two characters of a name), so every other character keeps its place.

Edits are made with pdfium: each text object holding a changed character is replaced by
one in a standard font at the same matrix and size. Only ASCII replacements are possible
(digits, ``X``, ``.``): a standard font has no Chinese glyphs, and the document's own
embedded subsets cannot be addressed by Unicode.
"""

from __future__ import annotations

import ctypes
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as raw

STANDARD_FONT = b"Helvetica"


class EditError(ValueError):
    """An edit that cannot be made as specified (text not found, not ASCII, shared object)."""


@dataclass(frozen=True)
class Edit:
    """Replace the ``occurrence``-th printing of ``old`` on ``page`` (1-based) by ``new``."""

    page: int
    old: str
    new: str
    occurrence: int = 1

    def __post_init__(self) -> None:
        if len(self.old) != len(self.new) or self.old == self.new:
            raise EditError(f"{self}: old and new must differ and have the same length")
        changed = [n for o, n in zip(self.old, self.new, strict=True) if o != n]
        if not all(c.isascii() and c.isprintable() for c in changed):
            raise EditError(f"{self}: only ASCII characters can be written in")


def apply_edits(source: Path, target: Path, edits: Sequence[Edit]) -> None:
    """Write ``source`` with ``edits`` applied to ``target`` (pages not edited are untouched)."""
    pdf = pdfium.PdfDocument(source)
    try:
        for number in sorted({e.page for e in edits}):
            page = pdf[number - 1]
            for edit in (e for e in edits if e.page == number):
                _apply(pdf, page, edit)
            if not raw.FPDFPage_GenerateContent(page.raw):
                raise EditError(f"page {number}: pdfium could not write the content stream")
        pdf.save(target)
    finally:
        pdf.close()


def _apply(pdf: pdfium.PdfDocument, page: pdfium.PdfPage, edit: Edit) -> None:
    textpage = page.get_textpage()  # read afresh: an earlier edit replaced objects
    count = textpage.count_chars()
    chars = [chr(raw.FPDFText_GetUnicode(textpage.raw, i)) for i in range(count)]
    at = _find(chars, edit)  # the page's index of each character of edit.old
    objects: dict[int, tuple[ctypes.c_void_p, list[tuple[int, str]]]] = {}
    for index, old, new in zip(at, edit.old, edit.new, strict=True):
        if old != new:
            obj = raw.FPDFText_GetTextObject(textpage.raw, index)
            key = ctypes.cast(obj, ctypes.c_void_p).value or 0
            objects.setdefault(key, (obj, []))[1].append((index, new))
    for obj, changes in objects.values():
        members = [
            i for i in range(count) if _same(raw.FPDFText_GetTextObject(textpage.raw, i), obj)
        ]
        text = "".join(chars[i] for i in members)
        for index, new in changes:
            text = _replaced(text, members.index(index), new)
        if not "".join(text.split()).isascii():
            raise EditError(f"{edit}: the changed character shares a text object with '{text}'")
        _replace_object(pdf, page, obj, text)


def _find(chars: list[str], edit: Edit) -> list[int]:
    """Where ``edit.old`` is printed, whitespace between its characters ignored (a text page
    reads spaces that word processors put between characters)."""
    printed = [(i, c) for i, c in enumerate(chars) if not c.isspace() and c != "\x00"]
    text = "".join(c for _, c in printed)
    old = "".join(edit.old.split())
    if old != edit.old:
        raise EditError(f"{edit}: write 'old' without whitespace")
    at = -1
    for _ in range(edit.occurrence):
        at = text.find(old, at + 1)
        if at < 0:
            raise EditError(f"{edit}: '{edit.old}' is not printed that often on the page")
    return [printed[at + k][0] for k in range(len(old))]


def _same(a: object, b: object) -> bool:
    return ctypes.cast(a, ctypes.c_void_p).value == ctypes.cast(b, ctypes.c_void_p).value


def _replaced(text: str, at: int, char: str) -> str:
    return text[:at] + char + text[at + 1 :]


def _index_of(page: pdfium.PdfPage, obj: object) -> int:
    for index in range(raw.FPDFPage_CountObjects(page.raw)):
        if _same(raw.FPDFPage_GetObject(page.raw, index), obj):
            return index
    raise EditError("the text object to replace is not on the page")


def _width(obj: object) -> float:
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    raw.FPDFPageObj_GetBounds(obj, left, bottom, right, top)
    return right.value - left.value


def _replace_object(pdf: pdfium.PdfDocument, page: pdfium.PdfPage, old: object, text: str) -> None:
    """Put ``text`` in a standard-font object where ``old`` was, then drop ``old``."""
    matrix = raw.FS_MATRIX()
    if not raw.FPDFPageObj_GetMatrix(old, matrix):
        raise EditError("pdfium could not read a text object's matrix")
    size = ctypes.c_float()
    raw.FPDFTextObj_GetFontSize(old, size)
    new = raw.FPDFPageObj_NewTextObj(pdf.raw, STANDARD_FONT, ctypes.c_float(size.value))
    data = (text + "\x00").encode("utf-16-le")
    raw.FPDFText_SetText(new, (ctypes.c_ushort * (len(data) // 2)).from_buffer_copy(data))
    raw.FPDFPageObj_SetMatrix(new, matrix)
    # The standard font's glyphs are wider or narrower than the embedded ones: scale the
    # new text to the old one's width, so it stays inside its cell and beside its words.
    ratio = _width(old) / max(_width(new), 1e-6)
    matrix.a, matrix.c = matrix.a * ratio, matrix.c * ratio
    raw.FPDFPageObj_SetMatrix(new, matrix)
    # In the old one's place in the content stream: text extractors that keep stream order
    # within a line (pdfminer, under camelot) would otherwise read it at the line's end.
    index = _index_of(page, old)
    raw.FPDFPage_InsertObjectAtIndex(page.raw, new, index)
    if not raw.FPDFPage_RemoveObject(page.raw, old):
        raise EditError("pdfium could not remove the original text object")
    raw.FPDFPageObj_Destroy(old)
