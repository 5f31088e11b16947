"""Find a document's PDF and render one page with the drilled-down cells outlined."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageDraw

SCALE = 2.0  # pixels per PDF point (144 dpi): small print stays legible
OUTLINE = (255, 0, 0)  # pure red: nothing in a black-and-white table is this colour
OUTLINE_WIDTH = 3
PAD = 2  # pixels between the cell's box and the outline


def find_pdf(file_name: str, document_id: str, folders: Iterable[Path]) -> Path | None:
    """The first file named ``file_name`` under ``folders`` whose sha256 is ``document_id``."""
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob(file_name)):
            if path.is_file() and _sha256(path, path.stat().st_mtime_ns) == document_id:
                return path
    return None


@cache
def _sha256(path: Path, mtime_ns: int) -> str:  # mtime in the key: a changed file is re-read
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def to_pixels(box: Sequence[float], crop_left: float, crop_top: float) -> tuple[float, ...]:
    """A box in PDF points (origin bottom-left) → (left, top, right, bottom) in image pixels."""
    x0, y0, x1, y1 = box
    return (
        (min(x0, x1) - crop_left) * SCALE,
        (crop_top - max(y0, y1)) * SCALE,
        (max(x0, x1) - crop_left) * SCALE,
        (crop_top - min(y0, y1)) * SCALE,
    )


def render_page(pdf: Path, page: int, boxes: Iterable[Sequence[float]]) -> Image.Image:
    """Page ``page`` (1-based) of ``pdf`` at ``SCALE``, each box outlined in ``OUTLINE``."""
    document = pdfium.PdfDocument(pdf)
    try:
        pdf_page = document[page - 1]
        left, _bottom, _right, top = pdf_page.get_cropbox()  # pdfium renders the crop box
        image = pdf_page.render(scale=SCALE).to_pil().convert("RGB")
    finally:
        document.close()
    draw = ImageDraw.Draw(image)
    for box in boxes:
        x0, y0, x1, y1 = to_pixels(box, left, top)
        draw.rectangle(
            (x0 - PAD, y0 - PAD, x1 + PAD, y1 + PAD), outline=OUTLINE, width=OUTLINE_WIDTH
        )
    return image


def outlined_band(image: Image.Image, margin: int = 160) -> Image.Image | None:
    """The page's full width across the rows of its outlines (± ``margin`` px): the cell in
    its row and near its header, legible without scrolling a whole page."""
    rows = np.flatnonzero((np.asarray(image) == OUTLINE).all(axis=2).any(axis=1))
    if not len(rows):
        return None
    top, bottom = max(0, int(rows[0]) - margin), min(image.height, int(rows[-1]) + margin)
    return image.crop((0, top, image.width, bottom))
