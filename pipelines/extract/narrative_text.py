"""The 情况说明 prose as whole sentences, whatever the page layout did to them.

pdfium gives printed lines: every digit or latin run a separate rect joined by a space, lines
wrapped at the page width, sentences running over page breaks with page numbers and running
headers in between, tables of contents and ruled tables mixed in. A figure's label and its
number ('…其中：基本支出' / '722.16万元'; '减少' / page footer / '15%') are often on different
lines. So: pick the narrative lines (:func:`narrative_lines`), then join them into sentences
(:func:`sentences`) keeping the page of every character.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from pipelines.text import label

from .grids import Grid
from .pdf_text import PageText, TextLine

Line = tuple[int, TextLine, str]  # (page number, printed line, its text as matched)

AMOUNT_HINT = re.compile(r"\d\s*(万元|亿元|元|%|％)")
LEADER = re.compile(r"\.{3,}|…{2,}|·{3,}|．{3,}")
DOT_LEADER = re.compile(rf"({LEADER.pattern})\s*\d+$")
ONLY_LEADER = re.compile(rf"^\s*({LEADER.pattern})[\s.…·．]*$")
PAGE_NUMBER = re.compile(r"^[-–—第\s]*\d+[-–—页\s]*$|^第?\d+页?[/／共]\s*\d+页?$")
TOP_HEADING = re.compile(r"^[一二三四五六七八九十]+[、.．]")
HEADING = re.compile(
    r"^([一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+[、.．](?!\d)"
    r"|第[一二三四五六七八九十]+部分)"
)
SKIPPED_SECTIONS = re.compile(r"名词解释|绩效")  # definitions; performance prose ('达到90%以上')
SENTENCE_END = re.compile(r"[。！？!?\n]")
HEADING_MAX_CHARS = 40
TOC_MIN_LINES = 3
MARGIN_TOP, MARGIN_BOTTOM = 0.08, 0.9  # page-height fractions where headers/footers sit
# A vertical step between two lines of more than this many typical line steps is a break
# between blocks (text, then a table that was skipped, then text): never one sentence.
BLOCK_GAP_STEPS = 2.0


@dataclass(frozen=True)
class Sentence:
    """A sentence as printed (whitespace removed, compatibility forms folded), with the page
    of every character."""

    text: str
    pages: tuple[int, ...]

    def page_at(self, offset: int) -> int:
        return self.pages[min(offset, len(self.pages) - 1)]


# --- which lines are narrative --------------------------------------------------------------


def is_toc_page(page: PageText) -> bool:
    """A table of contents: dot leaders, on the entry's line or on a line of their own."""
    leaders = [ln for ln in page.lines if DOT_LEADER.search(ln.text) or ONLY_LEADER.match(ln.text)]
    return len(leaders) >= TOC_MIN_LINES


def is_heading(text: str) -> bool:
    """A numbered heading ('1、收入说明', '三、…', '（一）…'): short, no punctuation, no amount.

    (A list item's first line, '1、因公出国（境）预算 0 万元', is no heading: it has an amount.)
    """
    return (
        bool(HEADING.match(text))
        and len(text) <= HEADING_MAX_CHARS
        and not re.search(r"[。，；,;]", text)
        and not AMOUNT_HINT.search(text)
    )


def in_grid(page: int, line: TextLine, grids: Sequence[Grid]) -> bool:
    centre = (line.top + line.bottom) / 2
    return any(g.page == page and g.top <= centre <= g.bottom for g in grids)


def in_margin(page: PageText, line: TextLine) -> bool:
    return line.top > page.height * MARGIN_BOTTOM or line.bottom < page.height * MARGIN_TOP


def running_lines(pages: Sequence[PageText]) -> set[str]:
    """Header/footer texts (digits blanked) printed in the margin of more than one page."""
    counts: Counter[str] = Counter()
    for page in pages:
        counts.update({blank_digits(ln.text) for ln in page.lines if in_margin(page, ln)})
    return {text for text, n in counts.items() if n > 1 and text}


def blank_digits(text: str) -> str:
    return re.sub(r"\d+", "#", label(text))


def is_furniture(page: PageText, line: TextLine, running: set[str]) -> bool:
    """A page number or running header/footer: never part of a sentence."""
    if not in_margin(page, line):
        return False
    return bool(PAGE_NUMBER.match(label(line.text))) or blank_digits(line.text) in running


def narrative_lines(pages: Sequence[PageText], grids: Sequence[Grid] = ()) -> list[Line]:
    """(page, line, text) of the 情况说明 prose, in reading order.

    Starts after the first '…情况说明' line outside the table of contents (or at the first
    '一、' heading); skips lines inside ruled tables, page furniture, and the 名词解释 and
    绩效 sections, whose words match the fact labels but whose figures are no budget facts.
    """
    running = running_lines(pages)
    candidates = [
        (p.number, ln, label(ln.text))
        for p in pages
        if not is_toc_page(p)
        for ln in p.lines
        if not in_grid(p.number, ln, grids) and not is_furniture(p, ln, running)
    ]
    start = next((i + 1 for i, c in enumerate(candidates) if "情况说明" in c[2]), None)
    if start is None:
        start = next((i for i, c in enumerate(candidates) if TOP_HEADING.match(c[2])), 0)
    out, skipping = [], False
    for number, line, text in candidates[start:]:
        if TOP_HEADING.match(text) and is_heading(text):
            skipping = bool(SKIPPED_SECTIONS.search(text))
        if not skipping and text:
            out.append((number, line, text))
    return out


# --- lines → sentences ----------------------------------------------------------------------


def centre(line: TextLine) -> float:
    return (line.top + line.bottom) / 2


def typical_step(lines: Sequence[Line]) -> float | None:
    """The median vertical step between consecutive lines of one page: the line pitch.

    Glyph boxes are no measure of the font (digits are shorter than 汉字), but the pitch of
    wrapped lines is regular whatever the producer's line spacing.
    """
    steps = [
        centre(b[1]) - centre(a[1])
        for a, b in zip(lines, lines[1:], strict=False)
        if a[0] == b[0] and centre(b[1]) > centre(a[1])
    ]
    return statistics.median(steps) if steps else None


def is_break(prev: Line, cur: Line, step: float | None) -> bool:
    """Does a paragraph end between two consecutive lines (else the sentence wraps on)?

    A heading always stands alone; a jump of several line pitches on one page is a block
    gap. Anything else, page breaks included, continues: Chinese prose ends its sentences
    with 。, and a label and its figure are often printed on two lines.
    """
    if is_heading(prev[2]) or is_heading(cur[2]):
        return True
    same_page = prev[0] == cur[0]
    return bool(step and same_page and centre(cur[1]) - centre(prev[1]) > BLOCK_GAP_STEPS * step)


def sentences(lines: Sequence[Line]) -> list[Sentence]:
    """Join wrapped lines (also across pages) and cut at 。！？ and paragraph ends."""
    step = typical_step(lines)
    stream, char_pages = "", []
    for i, (page, _line, text) in enumerate(lines):
        piece = ("\n" if i and is_break(lines[i - 1], lines[i], step) else "") + text
        stream += piece
        char_pages += [page] * len(piece)
    out, start = [], 0
    for end in [m.end() for m in SENTENCE_END.finditer(stream)] + [len(stream)]:
        piece = stream[start:end]
        first = start + len(piece) - len(piece.lstrip())
        text = piece.strip()
        if text:
            out.append(Sentence(text, tuple(char_pages[first : first + len(text)])))
        start = end
    return out
