"""Who published a disclosure and for which year: read from every place it prints them.

A wrong identity corrupts every year-over-year figure and can replace another unit's document,
so the reader is careful rather than clever: each field is collected from every source (unit
lines of the title blocks, headers and footers, table titles, the cover and contents, the
narrative's opening, the file name last), and the document is refused with the evidence when
the sources disagree or say too little. A manifest row, where one is given, wins.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from pipelines.text import normalise

from .errors import UnreadableDocument
from .grids import Grid
from .identity_text import (
    Clue,
    cover_clues,
    line_clues,
    name_key,
    narrative_clues,
    title_clues,
    unit_names_agree,
)
from .pdf_text import PageText, TextLine

FIELDS = ("dept_code", "dept_name", "fiscal_year", "doc_kind")
# Strongest first: a disagreement among any of them refuses the document; the manifest wins.
SOURCES = ("manifest", "title_block", "header_footer", "title", "cover", "narrative", "file_name")
MARGIN = 0.08  # the top and bottom 8% of a page: where running headers and footers print
_FILE_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
HOW_TO_FIX = (
    "check the PDF, or state the identity in a manifest row "
    "(ingest --manifest FILE.csv: file,unit_code,unit_name,year,kind)"
)


@dataclass(frozen=True)
class Evidence:
    field: str
    value: str
    source: str  # one of SOURCES
    page: int | None
    text: str

    def describe(self) -> str:
        where = f" p{self.page}" if self.page else ""
        return f"{self.value} ({self.source}{where}: '{self.text[:40]}')"


@dataclass(frozen=True)
class Identity:
    dept_code: str | None
    dept_name: str | None
    fiscal_year: int
    doc_kind: str
    sources: dict[str, dict[str, object]]  # field → {source, page, text}

    @property
    def unit_key(self) -> str:
        """What marts group a unit by: the printed code, else the normalised name."""
        return self.dept_code or name_key(self.dept_name or "")

    def source_json(self) -> str:
        return json.dumps(self.sources, ensure_ascii=False, sort_keys=True)


def outside_grids(page: PageText, grids: Sequence[Grid]) -> list[TextLine]:
    """The page's lines that are not table content: title blocks, headers, footers, prose."""
    boxes = [(g.top, g.bottom) for g in grids if g.page == page.number]
    return [
        ln for ln in page.lines if not any(ln.top >= t - 1 and ln.bottom <= b + 1 for t, b in boxes)
    ]


def document_evidence(
    pages: Sequence[PageText], grids: Sequence[Grid], file_name: str
) -> list[Evidence]:
    """Every identity clue of the document, each with its source and page."""
    table_pages = {g.page for g in grids}
    first_table_page = min(table_pages, default=len(pages) + 1)
    found: list[Evidence] = []
    prose: list[tuple[int, str]] = []
    for page in pages:
        lines = outside_grids(page, grids)
        prose += [(page.number, ln.text) for ln in lines]
        for ln in lines:
            if page.number in table_pages:
                found += tagged(line_clues(ln.text), "title_block", page.number)
                found += tagged(title_clues(ln.text), "title", page.number)
            elif in_margin(page, ln):
                found += tagged(line_clues(ln.text), "header_footer", page.number)
            if page.number < first_table_page:
                found += tagged(cover_clues(ln.text), "cover", page.number)
    found += narrative_evidence(prose)
    found += file_name_evidence(file_name)
    return found


def in_margin(page: PageText, line: TextLine) -> bool:
    return line.bottom <= page.height * MARGIN or line.top >= page.height * (1 - MARGIN)


def tagged(clues: Iterable[Clue], source: str, page: int | None) -> list[Evidence]:
    return [Evidence(c.field, c.value, source, page, c.text) for c in clues if c.value]


def narrative_evidence(prose: Sequence[tuple[int, str]]) -> list[Evidence]:
    """The narrative's opening ('现将…公开如下'), read over joined lines: it may wrap."""
    for i, (page, _) in enumerate(prose):
        window = "".join(text for _, text in prose[i : i + 3])
        if "现将" in normalise(prose[i][1]) and (clues := narrative_clues(window)):
            return tagged(clues, "narrative", page)
    return []


def file_name_evidence(file_name: str) -> list[Evidence]:
    """The year (and 决算) in the file name: the last resort, used only where nothing else says."""
    name = normalise(file_name)
    found = [Evidence("fiscal_year", y, "file_name", None, name) for y in _FILE_YEAR.findall(name)]
    if "决算" in name or "final" in name.lower():
        found.append(Evidence("doc_kind", "final_accounts", "file_name", None, name))
    return found


def agree(field: str, a: str, b: str) -> bool:
    return unit_names_agree(a, b) if field == "dept_name" else a == b


def choose(field: str, evidence: Sequence[Evidence]) -> Evidence | None:
    """The strongest clue of ``field``; raise when two sources disagree."""
    mine = sorted((e for e in evidence if e.field == field), key=lambda e: SOURCES.index(e.source))
    if not mine:
        return None
    if mine[0].source == "manifest":
        return mine[0]
    printed = [e for e in mine if e.source != "file_name"] or mine
    conflicts = [e for e in printed if not agree(field, printed[0].value, e.value)]
    if conflicts:
        raise UnreadableDocument(
            f"the document's {field} is printed differently in different places: "
            f"{printed[0].describe()} vs {conflicts[0].describe()}: {HOW_TO_FIX}"
        )
    if field == "dept_name":  # the fullest printing of an agreed name
        return max(printed, key=lambda e: (len(name_key(e.value)), -SOURCES.index(e.source)))
    return printed[0]


def resolve(evidence: Sequence[Evidence]) -> Identity:
    """One identity from the evidence, or :class:`UnreadableDocument` saying what was found."""
    chosen = {f: choose(f, evidence) for f in FIELDS}
    code, name, year = chosen["dept_code"], chosen["dept_name"], chosen["fiscal_year"]
    if year is None or (code is None and name is None):
        found = "; ".join(e.describe() for e in evidence if e.source != "file_name") or "nothing"
        raise UnreadableDocument(
            f"cannot tell which unit and year this disclosure is for (found: {found}): {HOW_TO_FIX}"
        )
    kind = chosen["doc_kind"]
    sources = {
        f: {"source": e.source, "page": e.page, "text": e.text} for f, e in chosen.items() if e
    }
    if kind is None:
        sources["doc_kind"] = {"source": "default", "page": None, "text": "no 决算 printed"}
    return Identity(
        dept_code=code.value if code else None,
        dept_name=name.value if name else None,
        fiscal_year=int(year.value),
        doc_kind=kind.value if kind else "budget",
        sources=sources,
    )


def read_identity(
    pages: Sequence[PageText],
    grids: Sequence[Grid],
    file_name: str,
    manifest: dict[str, str] | None = None,
) -> Identity:
    """The document's identity; ``manifest`` (field → value) overrides what is printed."""
    given = [Evidence(f, v, "manifest", None, file_name) for f, v in (manifest or {}).items() if v]
    return resolve(given + document_evidence(pages, grids, file_name))
