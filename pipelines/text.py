"""One home for reading printed text: Unicode compatibility forms, whitespace, full-width forms.

Budget systems export compatibility characters (the Kangxi radical ⽀ U+2F40 for 支, full-width
digits, ideographic spaces). Everything the extractor *matches* goes through :func:`squash` or
:func:`normalise` (plain NFKC). What the warehouse *stores* as a label goes through
:func:`label`: NFKC too, except that full-width punctuation stays as printed, so
``因公出国（境）费`` and ``其中：办公用房`` keep the form Chinese readers and the tables use.
"""

from __future__ import annotations

import re
import unicodedata

_SPACE = re.compile(r"[\s\u3000\u00a0\u200b\ufeff]+")


def normalise(text: str) -> str:
    """NFKC: ⽀→支, ２０２３→2023, ：→:, （）→(), ideographic space → space."""
    return unicodedata.normalize("NFKC", text)


def squash(text: str) -> str:
    """NFKC-normalised with every whitespace character removed: the form to match on."""
    return _SPACE.sub("", normalise(text))


def one_line(text: str) -> str:
    """NFKC-normalised, runs of whitespace collapsed to one space, ends stripped."""
    return _SPACE.sub(" ", normalise(text)).strip()


def _is_fullwidth_punctuation(ch: str) -> bool:
    return "\uff00" <= ch <= "\uffef" and not ch.isalnum()


def label(text: str) -> str:
    """A printed label as stored: whitespace removed, compatibility forms folded (⽀→支,
    ２０２３→2023), full-width punctuation （）：kept as printed."""
    kept = "".join(ch if _is_fullwidth_punctuation(ch) else normalise(ch) for ch in text)
    return _SPACE.sub("", kept)


def is_cjk(ch: str) -> bool:
    """A CJK character or full-width form: no space is printed next to one."""
    return "\u2e80" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef" or ch in "，。；：、（）“”"


def join_words(text: str) -> str:
    """pdfium's spacing undone, but one space kept between two latin words ('Windows 10')."""
    parts = text.split()
    out = parts[0] if parts else ""
    for part in parts[1:]:
        out += " " + part if _keeps_space(out[-1], part[0]) else part
    return out


def _keeps_space(left: str, right: str) -> bool:
    if is_cjk(left) or is_cjk(right) or (left.isdigit() and right.isdigit()):
        return False
    return left.isascii() and right.isascii() and left.isalnum() and right.isalnum()
