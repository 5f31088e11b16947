"""pdfium's ``FPDFText_GetBoundedText`` for many rects of one page, at the cost of one pass.

pdfium answers each bounded-text query by testing every character of the page, so reading the
text of every rect is O(characters × rects). Some producers make every glyph its own rect
(~1,200 per page of a Beijing 报表, ~0.2–0.5 s of pdfium per page); that is most of a long
document's text reading. Here each character's box, origin and code are read once, and each
rect's text is built from the characters it touches, by the same rules pdfium applies
(``CPDF_TextPage::GetTextByRect`` / ``GetTextByPredicate``): the same float32 rect, the same
strict intersection of normalised boxes, the same spaces and line breaks from the characters
between two matches, and the same UTF-16 length cap. The result is the string pdfium returns;
a page holding anything these rules do not cover (a code point outside the BMP, a NaN box) is
left to pdfium itself.
"""

from __future__ import annotations

import ctypes
import math

import numpy as np
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

SPACE = 0x20
SURROGATES = range(0xD800, 0xE000)
BMP_END = 0x10000  # a code above the BMP is two UTF-16 units: pdfium's length cap bites


class Unmirrorable(ValueError):
    """The page holds what these rules do not cover: ask pdfium."""


class PageChars:
    """One text page's characters as pdfium's bounded-text search sees them.

    ``drop_overprints``: a character drawn again over itself (same code, box within
    OVERPRINT_PT: a producer's bold effect, which prints a heading up to nine times) is read
    once; pdfium reads every copy, so a title comes out nine times over and is not recognised.
    """

    def __init__(self, textpage: pdfium.PdfTextPage, drop_overprints: bool = False) -> None:
        self.raw = raw = textpage.raw
        n = max(pdfium_c.FPDFText_CountChars(raw), 0)
        codes, boxes = [], np.empty((n, 4))
        left, right, bottom, top = (ctypes.c_double() for _ in range(4))
        for i in range(n):
            codes.append(pdfium_c.FPDFText_GetUnicode(raw, i))
            if pdfium_c.FPDFText_GetCharBox(raw, i, left, right, bottom, top):
                boxes[i] = (left.value, bottom.value, right.value, top.value)
            else:
                boxes[i] = (0.0, 0.0, 0.0, 0.0)  # pdfium's empty rect: intersects nothing
        self.codes = codes
        self.kept = _not_overprinted(codes, boxes) if drop_overprints else np.ones(n, bool)
        self._origin_y: dict[int, float] = {}  # read when a line break is in question
        # CFX_FloatRect::Normalize of each box
        self.left = np.minimum(boxes[:, 0], boxes[:, 2])
        self.right = np.maximum(boxes[:, 0], boxes[:, 2])
        self.bottom = np.minimum(boxes[:, 1], boxes[:, 3])
        self.top = np.maximum(boxes[:, 1], boxes[:, 3])
        # non-space characters before index i: "was anything but a space between two matches?"
        self.nonspace_before = [0]
        for code, kept in zip(codes, self.kept.tolist(), strict=True):
            self.nonspace_before.append(self.nonspace_before[-1] + (kept and code != SPACE))
        self.mirrorable = not np.isnan(boxes).any() and not any(
            code in SURROGATES or code >= BMP_END for code in codes
        )

    @property
    def overprinted(self) -> bool:
        return not self.kept.all()

    def origin_y(self, i: int) -> float:
        """The baseline of character ``i`` (pdfium's ``origin.y``); NaN is not mirrored."""
        if i not in self._origin_y:
            x, y = ctypes.c_double(), ctypes.c_double()
            pdfium_c.FPDFText_GetCharOrigin(self.raw, i, x, y)
            if math.isnan(y.value):
                raise Unmirrorable(f"character {i} has no origin")
            self._origin_y[i] = y.value
        return self._origin_y[i]

    def matches(self, rects: list[tuple[float, float, float, float]]) -> list[list[int]]:
        """For each (left, bottom, right, top) rect, the indices of the characters whose box
        intersects it (pdfium's ``IsRectIntersect``: ``Intersect``, then not ``IsEmpty``, on
        normalised float32 rects), ascending.

        Only the characters whose bottom lies within a glyph's height below the rect and under
        its top can touch it: those windows of the characters sorted by bottom are found for
        all rects at once, and the exact test runs on them alone.
        """
        if not rects or not self.codes:
            return [[] for _ in rects]
        q = np.array(rects, dtype=np.float32).astype(float)
        ql, qr = np.minimum(q[:, 0], q[:, 2]), np.maximum(q[:, 0], q[:, 2])
        qb, qt = np.minimum(q[:, 1], q[:, 3]), np.maximum(q[:, 1], q[:, 3])
        order = np.argsort(self.bottom, kind="stable")
        bottoms = self.bottom[order]
        tallest = float(np.max(self.top - self.bottom)) * (1 + 1e-9) + 1e-9
        lo = np.searchsorted(bottoms, qb - tallest, side="left")  # a superset: tested below
        hi = np.searchsorted(bottoms, qt, side="left")  # touching needs bottom < rect top
        counts = np.maximum(hi - lo, 0)
        rect = np.repeat(np.arange(len(rects)), counts)
        first = np.cumsum(counts) - counts
        char = order[np.arange(int(counts.sum())) - np.repeat(first - lo, counts)]
        hit = (np.maximum(self.left[char], ql[rect]) < np.minimum(self.right[char], qr[rect])) & (
            np.maximum(self.bottom[char], qb[rect]) < np.minimum(self.top[char], qt[rect])
        )
        hit &= self.kept[char]
        rect, char = rect[hit], char[hit]
        ranked = np.lexsort((char, rect))  # by rect, then page order
        rect, char = rect[ranked], char[ranked]
        bounds = np.searchsorted(rect, np.arange(len(rects) + 1)).tolist()
        chars = char.tolist()
        return [chars[bounds[k] : bounds[k + 1]] for k in range(len(rects))]

    def texts(self, rects: list[tuple[float, float, float, float]]) -> list[str]:
        """What ``FPDFText_GetBoundedText`` returns for each (left, bottom, right, top) rect,
        as pypdfium2 decodes it."""
        return [self._text(indices) for indices in self.matches(rects)]

    def _text(self, indices: list[int]) -> str:
        """pdfium's ``GetTextByPredicate`` over the characters at ``indices`` (ascending)."""
        codes, before = self.codes, self.nonspace_before
        out: list[str] = []
        posy = 0.0
        contains_previous = added_line_feed = False
        previous = -1
        for i in indices:
            if previous < 0:  # before the first match: spaces do nothing, others ask a break
                contains_previous, added_line_feed = False, before[i] > 0
            elif i > previous + 1:  # the characters between two matches
                if codes[previous + 1] == SPACE:
                    out.append(" ")
                contains_previous = False
                added_line_feed = before[i] - before[previous + 1] > 0
            if not contains_previous and added_line_feed and posy != self.origin_y(i):
                posy = self.origin_y(i)
                if out:
                    out.append("\r\n")
            contains_previous, added_line_feed = True, False
            if codes[i]:
                out.append(chr(codes[i]))
            previous = i
        if 0 <= previous < len(codes) - 1 and codes[previous + 1] == SPACE:
            out.append(" ")
        return "".join(out)


OVERPRINT_PT = 1.0  # copies of a bold heading are offset by ~0.15 pt; distinct glyphs by a width


def _not_overprinted(codes: list[int], boxes: np.ndarray) -> np.ndarray:
    """False for each character that repeats an earlier one: the same code, its box within
    OVERPRINT_PT on every side."""
    kept = np.ones(len(codes), bool)
    earlier: dict[int, list[int]] = {}
    for i, code in enumerate(codes):
        same = earlier.setdefault(code, [])
        if same and (np.abs(boxes[same] - boxes[i]).max(axis=1) <= OVERPRINT_PT).any():
            kept[i] = False
        else:
            same.append(i)
    return kept
