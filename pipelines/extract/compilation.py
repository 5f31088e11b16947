"""Split a compilation — one PDF binding several units' disclosures — at its title blocks.

Cities and provinces publish every department's 部门预算 bound in one file. Read as one
document it would be one unit's figures summed over all of them, so it is cut where a reader
sees the next disclosure begin. The sure sign is the table set starting again: a 收支总表
after other family tables (one disclosure prints it once; a continuation or a 表格部分
divider repeats the title on the next page, with nothing between). The cut goes where the
next disclosure opens, between the two table sets: its title page (a cover naming another
unit with the year and 预算/决算), else its 目录 or first section, else its first table.
Sub-units named in passing, tables of units, a narrative that names another body: none of
them restarts the table set, so a single disclosure is never cut.

Each part is written as a PDF of its own, its pages and nothing else (so a part that a
corrected compilation leaves as it was has the same bytes, and is not loaded again), and then
read like any other file; core.compilations records which parts came from where.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pipelines.identity.names import same_unit
from pipelines.schema import TABLE_CODES
from pipelines.text import squash

from .identity import COVER_MAX_LINES, body_height, cover_runs, heading_runs
from .identity_text import cover_clues, line_clues, title_clues
from .pdf_text import PageText
from .titles import table_code_of

FIRST_TABLE = "income_expenditure_summary"  # every disclosure's table 1
RESTART_AFTER = 2  # other family tables printed since the last 收支总表: its table set restarts
TITLE_LINES = 8  # a table's title is among the first lines of its page
_OPENING = re.compile(r"^(?:目录|第[一1]部分)")  # a disclosure's 目录 or its first section
MAX_HEADING = 30  # characters: a heading ending in 目录, not a sentence mentioning one


@dataclass(frozen=True)
class Part:
    """One disclosure inside a compilation: its pages (1-based, inclusive) and its unit."""

    first: int
    last: int
    unit: str | None

    @property
    def pages(self) -> str:
        return f"{self.first}-{self.last}"


class Compilation(Exception):  # noqa: N818 (not an error: the file is read as its parts)
    """The file binds several disclosures: read its parts instead."""

    def __init__(self, parts: Sequence[Part]) -> None:
        super().__init__(f"a compilation of {len(parts)} disclosures")
        self.parts = tuple(parts)


def family_titles(pages: Sequence[PageText]) -> list[tuple[int, str]]:
    """(page, table code) of each ruled page that opens with a family table's title."""
    found = []
    for page in pages:
        if not page.ruled:
            continue
        codes = (table_code_of(line.text) for line in page.lines[:TITLE_LINES])
        code = next((c for c in codes if c in TABLE_CODES), None)
        if code:
            found.append((page.number, code))
    return found


def restarts(titles: Sequence[tuple[int, str]]) -> list[tuple[int, int]]:
    """(last family-table page before, page) of each 收支总表 that starts a table set again:
    other family tables were printed since the last one (a continuation or a 表格部分 divider
    repeats the title on the next page, with nothing between)."""
    found, since, last_page = [], set(), 0
    for number, code in titles:
        if code == FIRST_TABLE and len(since - {FIRST_TABLE}) >= RESTART_AFTER:
            found.append((last_page, number))
            since = set()
        since.add(code)
        last_page = number
    return found


def named_units(page: PageText, body: float) -> tuple[list[str], bool]:
    """The unit names a page prints in its cover heading, titles and unit lines, and whether a
    cover heading names a unit with its 预算/决算 (a disclosure's own title page)."""
    names: list[str] = []
    cover = False
    runs = cover_runs(page) if len(page.lines) <= COVER_MAX_LINES else heading_runs(page, body)
    for run in dict.fromkeys(runs):
        clues = cover_clues(run)
        found = [c.value for c in clues if c.field == "dept_name"]
        names += found
        cover |= bool(found) and any(c.field == "doc_kind" for c in clues)
    for line in page.lines[:TITLE_LINES]:
        clues = title_clues(line.text) + line_clues(line.text, bare=False)
        names += [c.value for c in clues if c.field == "dept_name"]
    return names, cover


def first_page(gap: Sequence[PageText], before: str | None, body: float) -> int | None:
    """Where the next disclosure begins among the pages between two table sets: its title page
    (the first cover naming the unit the last cover before its tables names, when that is
    not the unit before: a disclosure's tail may hold its sub-units' title pages), else its
    目录 or first section."""
    covers = []
    for page in gap:
        names, cover = named_units(page, body)
        if cover:
            covers.append((page.number, names))
    other = [names for _, names in covers if not all(same_unit(before, n) for n in names)]
    if other:
        unit = other[-1][0]
        return next(number for number, names in covers if any(same_unit(unit, n) for n in names))
    for page in gap:  # a 目录 or narrative page holds no table ('…政府购买服务目录' does)
        if not page.ruled and any(
            opens_disclosure(squash(line.text)) for line in page.lines[:TITLE_LINES]
        ):
            return page.number
    return None


def opens_disclosure(text: str) -> bool:
    """'目录', '2022年部门决算信息公开目录', '第一部分 …': a disclosure's first page."""
    return bool(_OPENING.match(text)) or (text.endswith("目录") and len(text) <= MAX_HEADING)


def main_unit(pages: Sequence[PageText], body: float) -> str | None:
    names = [n for page in pages for n in named_units(page, body)[0]]
    return Counter(names).most_common(1)[0][0] if names else None


def compilation_parts(pages: Sequence[PageText]) -> list[Part]:
    """The disclosures a PDF binds, in page order; [] when it holds one (or none)."""
    found = restarts(family_titles(pages))
    if not found:
        return []
    body = body_height(pages)
    starts = [1]
    for last_table, restart in found:
        gap = pages[last_table : restart - 1]  # pages after the last table, before the restart
        before = main_unit(pages[starts[-1] - 1 : last_table], body)
        starts.append(first_page(gap, before, body) or restart)
    ends = [s - 1 for s in starts[1:]] + [len(pages)]
    return [
        Part(a, b, main_unit(pages[a - 1 : b], body)) for a, b in zip(starts, ends, strict=True)
    ]


def parts_folder(path: Path) -> Path:
    """Where a compilation's parts are written: beside it, in ``<name>.parts/`` (the inbox
    lists ``*.pdf`` only, so the folder is not read as a file; the dashboard finds them)."""
    return path.with_name(path.stem + ".parts")


def inbox_name(path: Path) -> str:
    """A file's name relative to its inbox (a Dagster partition key): a part keeps its folder."""
    return f"{path.parent.name}/{path.name}" if path.parent.suffix == ".parts" else path.name


def listed_parts(folder: Path, compilations: list[Path]) -> list[Path]:
    """The part files of the listed compilations that were split into ``folder``."""
    found = []
    for compilation in compilations:
        parts = parts_folder(compilation)
        if parts.parent == folder and parts.is_dir():
            found += sorted(p for p in parts.glob("*.pdf") if p.is_file())
    return found


def part_path(path: Path, part: Part) -> Path:
    return parts_folder(path) / f"{path.stem}.p{part.first:04d}-{part.last:04d}.pdf"


def write_parts(path: Path, parts: Sequence[Part]) -> list[Path]:
    """Write each part as a PDF of its own (same bytes every time for the same pages, so a
    part already loaded is recognised by its hash); raises OSError when the folder beside
    the compilation cannot be written."""
    from pypdf import PdfReader, PdfWriter  # ~0.5 s to import: compilations only

    reader = PdfReader(path)
    folder = parts_folder(path)
    folder.mkdir(exist_ok=True)
    written = []
    for part in parts:
        writer = PdfWriter()
        for number in range(part.first, part.last + 1):
            writer.add_page(reader.pages[number - 1])
        data = io.BytesIO()
        writer.write(data)
        target = part_path(path, part)
        if not target.is_file() or target.read_bytes() != data.getvalue():
            target.write_bytes(data.getvalue())
        written.append(target)
    return written
