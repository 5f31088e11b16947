"""What a careful reader notices about a disclosure as a whole, beyond its figures.

Published documents are assembled from templates by hand, and the slips auditors find are
often not in any sum: a table the 目录 lists that no page prints, a table printed blank
without the note saying why, a template's "增加（减少）" left in a sentence, a 截至 date from an
earlier year. Each is recorded here as a note (kind, page, what is printed) and becomes a
warning of the ``document_structure`` suite, located, so it is reported and never fatal.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence

from pipelines.text import squash

from .content import family_tables, has_figures
from .pdf_text import PageText
from .tables import RawTable
from .titles import table_code_of, title_core
from .vocabulary import TOC_LEADER

TOC_HEADING = "目录"
TOC_PAGE_NUMBER = re.compile(r"[\d\-—–]+$")
# "截至2021年12月31日", "截止2020年底": the date a stock of assets or staff is counted at.
CUTOFF = re.compile(r"截[至止](\d{4})年(?:\d{1,2}月\d{1,2}日|底|末)")
# A template's alternatives left unresolved: "较上年增加（减少）0万元".
OPPOSITES = {"增加": "减少", "减少": "增加", "增长": "下降", "下降": "增长"}
ALTERNATIVES = re.compile(r"(增加|减少|增长|下降)\((增加|减少|增长|下降)\)")
PLACEHOLDER = re.compile(r"(?:XX|××)+(?=[\u4e00-\u9fff])|(?<=[\u4e00-\u9fff])(?:XX|××)+")
SENTENCE = re.compile(r"[,。;]|万元")
# What a unit prints beside (or instead of) a table it has nothing to report in.
EMPTY_NOTE = re.compile(
    r"无数据|空表|为空|无相关|不涉及|未发生|没有|无此|本(?:部门|单位)无|未安排|未使用|无.{0,8}(?:收入|支出|经费|资金|预算)"
)


def document_notes(
    pages: Sequence[PageText],
    tables: Sequence[RawTable],
    fiscal_year: int,
    doc_kind: str,
    content: str,
) -> list[dict[str, object]]:
    """Every note about ``pages`` (see the module docstring), in page order."""
    notes = [
        *tables_the_toc_lists_but_no_page_prints(pages, tables, content),
        *blank_tables(pages, tables),
        *template_leftovers(pages),
        *stale_cutoff_dates(pages, fiscal_year, doc_kind),
    ]
    return sorted(notes, key=lambda n: (int(n["page"]), str(n["kind"])))


def notes_json(notes: Iterable[dict[str, object]]) -> str:
    return json.dumps(list(notes), ensure_ascii=False)


def _note(kind: str, page: int, printed: str, detail: str) -> dict[str, object]:
    return {"kind": kind, "page": page, "printed": printed, "detail": detail}


def _toc_entries(page: PageText) -> list[tuple[str, str]]:
    """(table code, printed entry) of the table titles a 目录 page lists after its heading."""
    texts = [squash(ln.text) for ln in page.lines]
    if TOC_HEADING not in texts:
        return []
    entries = []
    for text in texts[texts.index(TOC_HEADING) + 1 :]:
        entry = TOC_PAGE_NUMBER.sub("", TOC_LEADER.split(text)[0])
        code = table_code_of(entry)
        if code and code != "unclassified":
            entries.append((code, entry))
    return entries


def tables_the_toc_lists_but_no_page_prints(
    pages: Sequence[PageText], tables: Sequence[RawTable], content: str
) -> list[dict[str, object]]:
    """A table the 目录 lists whose title no other page prints and that was not read.

    A narrative-only file's 目录 lists tables its companion file holds: not checked.
    """
    if content == "narrative":
        return []
    listed = {p.number: _toc_entries(p) for p in pages}
    toc_pages = {n for n, entries in listed.items() if entries}
    printed = {t.table_code for t in tables}
    printed |= {code for p in pages if p.number not in toc_pages for code in _titles(p)}
    body = "".join(squash(p.text) for p in pages if p.number not in toc_pages)
    notes, seen = [], set()
    for number in sorted(toc_pages):
        for code, entry in listed[number]:
            if code in printed or (title_core(entry) or entry) in body:
                continue  # read, or its title is printed (however the page lays it out)
            if code not in seen:
                seen.add(code)
                detail = f"the 目录 lists {code} ('{entry}') but no page of the document prints it"
                notes.append(_note("toc_table_missing", number, entry, detail))
    return notes


def _titles(page: PageText) -> set[str | None]:
    """Codes of the table titles a page prints, on one line or wrapped over two."""
    texts = [ln.text for ln in page.lines]
    pairs = [a + b for a, b in zip(texts, texts[1:], strict=False)]
    return {table_code_of(t) for t in [*texts, *pairs]}


def blank_tables(pages: Sequence[PageText], tables: Sequence[RawTable]) -> list[dict[str, object]]:
    """Every family table printed without a figure, and whether a note (本表无数据…) on its
    pages says why. A blank table is printed (a narrative figure it should show is then
    held against 0), unlike a table the document leaves out."""
    by_number = {p.number: p for p in pages}
    notes = []
    for table in family_tables(tables):
        if has_figures([table]):
            continue
        last = max(table.last_page, table.first_page)
        around = [by_number[n] for n in range(table.first_page, last + 2) if n in by_number]
        text = "".join(table.notes) + "".join(squash(ln.text) for p in around for ln in p.lines)
        noted = EMPTY_NOTE.search(squash(text)) is not None
        why = "with a note saying why" if noted else "and no note saying why (e.g. 本表无数据)"
        detail = f"{table.table_code} ('{table.title}') prints no figure {why}"
        note = _note("blank_table", table.first_page, table.title, detail)
        notes.append(note | {"table_code": table.table_code, "noted": noted})
    return notes


def template_leftovers(pages: Sequence[PageText]) -> list[dict[str, object]]:
    """Placeholders (XX局) and unresolved alternatives (增加（减少）) in the document's text."""
    notes = []
    for page in pages:
        for line in page.lines:
            text = squash(line.text)
            for match in PLACEHOLDER.finditer(text):
                detail = f"a placeholder left in: '{_around(text, match)}'"
                notes.append(_note("placeholder", page.number, match.group(), detail))
            if not SENTENCE.search(text):
                continue  # a table's column header may print both words on purpose
            for match in ALTERNATIVES.finditer(text):
                if OPPOSITES[match.group(1)] == match.group(2):
                    detail = f"a template's alternatives left unresolved: '{_around(text, match)}'"
                    notes.append(_note("template_alternatives", page.number, match.group(), detail))
    return notes


def stale_cutoff_dates(
    pages: Sequence[PageText], fiscal_year: int, doc_kind: str
) -> list[dict[str, object]]:
    """A 截至 date before the one the document should count at.

    A budget counts its assets at the end of the year before (or early in its own year); a
    决算 at the end of its own year. An earlier year is a heading copied from an older edition.
    """
    earliest = fiscal_year if doc_kind == "final_accounts" else fiscal_year - 1
    notes = []
    for page in pages:
        for line in page.lines:
            text = squash(line.text)
            for match in CUTOFF.finditer(text):
                if int(match.group(1)) < earliest:
                    detail = (
                        f"'{match.group()}' in a {fiscal_year} {doc_kind} document, which counts "
                        f"at {earliest} or later: '{_around(text, match)}'"
                    )
                    notes.append(_note("stale_cutoff_date", page.number, match.group(), detail))
    return notes


def _around(text: str, match: re.Match[str], width: int = 20) -> str:
    return text[max(0, match.start() - width) : match.end() + width]
