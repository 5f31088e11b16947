"""When a disclosure was published: the evidence that orders its versions.

A corrected re-publication must win over its original whatever order the files arrive in, so
the version policy needs a date that belongs to the document, not to our ingest: a date the
manifest states, the date printed on the cover (``二〇二三年一月``, ``2023年1月15日``), the PDF's
own modification or creation date. Ingest time is only the last resort (decided in the
warehouse).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from pipelines.text import squash

from .pdf_text import PageText

CN_DIGITS = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"零": "0", "○": "0"}
_CN_DATE = re.compile(
    r"([〇零○一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月(?:([一二三四五六七八九十]{1,3})日)?"
)
_DATE = re.compile(r"((?:19|20)\d{2})(?:年|-|/|\.)(\d{1,2})(?:月|-|/|\.)?(?:(\d{1,2})日?)?$")
_PDF_DATE = re.compile(r"^D:(\d{4})(\d{2})(\d{2})")


@dataclass(frozen=True)
class Published:
    on: date
    source: str  # 'manifest' | 'cover' | 'pdf_metadata'


def cn_number(text: str) -> int:
    """'十二' → 12, '三' → 3, '二十' → 20 (months and days)."""
    if "十" not in text:
        return int("".join(CN_DIGITS[c] for c in text))
    tens, _, units = text.partition("十")
    return (int(CN_DIGITS[tens]) if tens else 1) * 10 + (int(CN_DIGITS[units]) if units else 0)


def printed_date(line: str) -> date | None:
    """A date printed alone on a cover line ('二〇二三年一月', '2023年1月15日'), day 1 if absent."""
    text = squash(line)
    try:
        if m := _CN_DATE.search(text):
            year = int("".join(CN_DIGITS[c] for c in m[1]))
            return date(year, cn_number(m[2]), cn_number(m[3]) if m[3] else 1)
        if m := _DATE.search(text):
            return date(int(m[1]), int(m[2]), int(m[3]) if m[3] else 1)
    except (ValueError, KeyError):
        return None
    return None


def cover_date(pages: Sequence[PageText], first_table_page: int) -> date | None:
    """The last date printed on the pages before the first table (cover, contents)."""
    found = [
        d
        for page in pages
        if page.number < first_table_page
        for line in page.lines
        if (d := printed_date(line.text))
    ]
    return found[-1] if found else None


def metadata_date(metadata: dict[str, str]) -> date | None:
    """The PDF's ModDate, else its CreationDate ('D:20230115093000+08'00'')."""
    for key in ("ModDate", "CreationDate"):
        if m := _PDF_DATE.match(metadata.get(key) or ""):
            try:
                return date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                continue
    return None


def publication(
    pages: Sequence[PageText],
    first_table_page: int,
    metadata: dict[str, str],
    stated: str | None = None,
) -> Published | None:
    """The strongest evidence of the publication date, or None (ingest time decides)."""
    if stated:
        return Published(date.fromisoformat(stated), "manifest")
    if on := cover_date(pages, first_table_page):
        return Published(on, "cover")
    if on := metadata_date(metadata):
        return Published(on, "pdf_metadata")
    return None
