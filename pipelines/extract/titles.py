"""Recognise table titles and read the title block (unit line, year, 单位) above a grid.

Titles are matched on their squashed form (NFKC, no whitespace) with numbering, quotes and a
trailing parenthetical removed; the wordings live in :mod:`.vocabulary`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipelines.text import squash

from .vocabulary import (
    MAX_TITLE_CHARS,
    NON_FAMILY_TITLES,
    NOT_A_TITLE,
    SECTION_NUMBERING,
    TITLE_ENDINGS,
    TITLE_NUMBERING,
    TITLE_QUOTES,
    TITLE_TRAILER,
    TITLE_WORDINGS,
    TOC_LEADER,
    UNIT_WORD,
)

TITLE_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), code) for pattern, code in TITLE_WORDINGS
)


def title_core(line: str) -> str | None:
    """The part of a printed line that names a table, or None when the line is no title
    (a TOC entry with dot leaders, a sentence, a note, a numbered narrative heading)."""
    text = squash(line)
    if not text or TOC_LEADER.search(text) or len(text) > MAX_TITLE_CHARS:
        return None
    if NOT_A_TITLE.search(text):
        return None
    section = SECTION_NUMBERING.match(text) is not None
    core = TITLE_QUOTES.sub("", TITLE_NUMBERING.sub("", text, count=1))
    core = TITLE_TRAILER.sub("", core)
    if section and not core.endswith("表"):
        return None
    return core if core.endswith(TITLE_ENDINGS) else None


def table_code_of(line: str) -> str | None:
    """The table code a title line names ('unclassified' for a known table outside the
    family), or None."""
    core = title_core(line)
    if core is None:
        return None
    return next((code for pattern, code in TITLE_PATTERNS if pattern.search(core)), None)


def is_target_title(line: str) -> bool:
    return bool(NON_FAMILY_TITLES.search(squash(line)))


@dataclass
class TitleBlock:
    """What the lines above a grid say about the table: its title and money unit.

    Who published it and for which year is read once per document (:mod:`.identity`)."""

    table_code: str | None = None
    title: str | None = None
    unit: str | None = None
    target_title: str | None = None


def read_title_block(lines: list[str]) -> TitleBlock:
    block = TitleBlock()
    for line in lines:
        text = squash(line)
        code = table_code_of(line)
        if code:
            block.table_code, block.title = code, text
        elif is_target_title(line):
            block.target_title = text
        elif block.title is None and title_core(line):
            block.title = text  # an unknown table's title: kept with 'unclassified'
        if m := UNIT_WORD.search(text):
            block.unit = m[1]
    return block
