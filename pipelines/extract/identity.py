"""Who published a disclosure and for which year: clues collected from every place it prints them.

Unit lines of the title blocks and covers (``部门名称：…``), table titles, the cover's heading
(its large type, lines joined), labelled cells of a table (``部门名称 | …``), running headers
and footers, the narrative's opening and attachment line, the years printed in column
headers, the file name last. Each clue is :class:`pipelines.identity.evidence.Evidence` with
its source and page; :func:`pipelines.identity.weigh.decide` weighs them. A manifest row,
where one is given, wins.
"""

from __future__ import annotations

import re
import statistics
from collections import defaultdict
from collections.abc import Iterable, Sequence

from pipelines.identity.evidence import Evidence
from pipelines.identity.names import unit_name
from pipelines.identity.weigh import Identity, decide
from pipelines.text import normalise, squash

from .grids import Grid
from .identity_text import (
    Clue,
    cell_label_clues,
    cover_clues,
    line_clues,
    looks_like_unit_name,
    narrative_clues,
    scope_of,
    title_clues,
)
from .pdf_text import PageText, TextLine
from .vocabulary import ATTACHMENT_LINE, UNIT_CODE_WORDS, YEAR

MARGIN = 0.08  # the top and bottom 8% of a page: where running headers and footers print
HEADING_SCALE = 1.25  # a cover heading's type is this much larger than the body text's
COVER_MAX_LINES = 15  # a page with no more lines than this, before the tables, is a cover
COVER_PAGES = 3  # covers and their title pages come first: later short pages are not covers
TITLE_BLOCK_PT = 90.0  # how far above a table its title block prints (title, unit, 单位)
TITLE_LINES = 4  # a document's title on its first page takes at most this many lines
_OPENS_BODY = re.compile(r"^(?:目录|第[一二三四五六七八九十\d]+部分|[一二三四五六七八九十]+[、.])")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_FILE_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_UNIT_CODE = re.compile(r"^\d{3,9}$")
_CODE_NAME = re.compile(r"^(\d{3,9})[-—–_ ]?([\u4e00-\u9fff].*)$")
_COLUMN_YEAR = re.compile(YEAR + r"年(?:度)?(?:预算|决算)数?$")
UNIT_CODE_STEP = 3  # digits a unit's code adds to its department's


def outside_grids(page: PageText, grids: Sequence[Grid]) -> list[TextLine]:
    """The page's lines that are not table content: title blocks, headers, footers, prose."""
    boxes = [(g.top, g.bottom) for g in grids if g.page == page.number]
    return [
        ln for ln in page.lines if not any(ln.top >= t - 1 and ln.bottom <= b + 1 for t, b in boxes)
    ]


def tagged(clues: Iterable[Clue], source: str, page: int | None) -> list[Evidence]:
    return [Evidence(c.field, c.value, source, page, c.text) for c in clues if c.value]


def body_height(pages: Sequence[PageText]) -> float:
    """The typical glyph height of the document's prose lines (8+ CJK characters: a line of
    digits or a lone punctuation mark is shorter than its font): what a heading is larger
    than."""
    heights = [ln.height for p in pages for ln in p.lines if len(_CJK.findall(ln.text)) >= 8]
    return statistics.median(heights) if heights else 0.0


def heading_runs(page: PageText, body: float) -> list[str]:
    """The page's large-type lines, consecutive ones of one size joined: a cover title wraps
    ('2026年' / '某局部门预算', '某局2026年度部门预算信息' / '公开')."""
    runs: list[str] = []
    previous: TextLine | None = None
    for line in page.lines:
        if not (body > 0 and line.height >= HEADING_SCALE * body):
            previous = None
            continue
        if previous is not None and abs(line.height - previous.height) <= 0.2 * previous.height:
            runs[-1] += squash(line.text)
        else:
            runs.append(squash(line.text))
        previous = line
    return runs


def page_evidence(
    page: PageText, grids: Sequence[Grid], body: float, cover: bool
) -> list[Evidence]:
    """The clues printed on one page outside its tables. An unlabelled '101 某中心' counts
    only in a title block (just above a table) or a running header: anywhere else such a
    line is a table row or prose that the ruling did not fence in."""
    tops = [g.top for g in grids if g.page == page.number]
    found: list[Evidence] = []
    lines = outside_grids(page, grids)
    for ln in lines:
        margin = in_margin(page, ln)
        block = any(0 <= top - ln.bottom <= TITLE_BLOCK_PT for top in tops)
        labelled = line_clues(ln.text, bare=block)
        found += tagged(labelled, "header_footer" if margin else "unit_line", page.number)
        if margin and not block:  # an unlabelled '101 某中心' up here may be a running header
            bare = [c for c in line_clues(ln.text, bare=True) if c not in labelled]
            found += tagged(bare, "running_header", page.number)
        if tops:
            found += tagged(title_clues(ln.text), "title", page.number)
        if m := ATTACHMENT_LINE.search(squash(ln.text)):
            found += tagged(attachment_clues(m), "attachment", page.number)
    if cover:
        runs = cover_runs(page) if len(lines) <= COVER_MAX_LINES else heading_runs(page, body)
        if page.number == 1:
            runs += leading_title(page)
        for run in dict.fromkeys(runs):
            found += tagged(cover_clues(run), "cover", page.number)
    return found


def leading_title(page: PageText) -> list[str]:
    """The lines that open the first page above its 目录 or first section heading: the
    document's title, whatever its type size ('某局' / '2026年部门预算信息公开' / '目 录')."""
    lines: list[str] = []
    for line in page.lines[: TITLE_LINES + 1]:
        text = squash(line.text)
        if _OPENS_BODY.match(text):
            break
        lines.append(text)
    else:
        return []
    return [*lines, "".join(lines)] if lines and len(lines) <= TITLE_LINES else []


def cover_runs(page: PageText) -> list[str]:
    """A cover page's lines, each alone and the page's lines joined: a cover title may wrap
    or set its year apart ('2026年' / '某局部门预算')."""
    texts = [squash(ln.text) for ln in page.lines if squash(ln.text)]
    return [*texts, "".join(texts)] if 1 < len(texts) <= 4 else texts


def attachment_clues(m: re.Match[str]) -> list[Clue]:
    """'附件：某局2026年度部门预算报表' closing a narrative: names the unit and year."""
    text = m[0]
    return [
        Clue("dept_name", m["name"], text),
        Clue("fiscal_year", m["year"], text),
        Clue("doc_kind", "final_accounts" if "决算" in m["kind"] else "budget", text),
    ]


def in_margin(page: PageText, line: TextLine) -> bool:
    return line.bottom <= page.height * MARGIN or line.top >= page.height * (1 - MARGIN)


def narrative_evidence(pages: Sequence[PageText], grids: Sequence[Grid]) -> list[Evidence]:
    """The narrative's opening ('现将…公开如下'), read over joined lines: it may wrap."""
    prose = [(p.number, ln.text) for p in pages for ln in outside_grids(p, grids)]
    found: list[Evidence] = []
    for i, (page, text) in enumerate(prose):
        if "现将" in normalise(text):
            window = "".join(t for _, t in prose[i : i + 3])
            found += tagged(narrative_clues(window), "narrative", page)
    return found


def grid_evidence(grids: Sequence[Grid]) -> list[Evidence]:
    """Cells that label the unit inside a table ('部门名称 | 某局' in a 绩效目标表)."""
    found: list[Evidence] = []
    for grid in grids:
        for row in grid.texts:
            found += tagged(cell_label_clues(row), "table_label", grid.page)
    return found


def unit_row_evidence(grids: Sequence[Grid]) -> list[Evidence]:
    """A by-unit table's department row: the code its units' codes extend by three digits
    ('234 某局' over '234001 某局', '234002 某中心'), with the name printed beside it. A
    functional class extends its code by two ('21002 公立医院' over '2100201 综合医院'): no unit."""
    found: list[Evidence] = []
    for grid in grids:
        rows = [pair for row in grid.texts if (pair := code_and_name(row))]
        rows += unit_code_column(grid)
        codes = {code for code, _ in rows}
        for code, name in dict(rows).items():
            units = [c for c in codes if c != code and c.startswith(code)]
            if units and all(len(c) == len(code) + UNIT_CODE_STEP for c in units):
                text = f"{code} {name}".strip()
                found.append(Evidence("dept_code", code, "unit_row", grid.page, text))
                if name:
                    found.append(Evidence("dept_name", name, "unit_row", grid.page, text))
    return found


def unit_code_column(grid: Grid) -> list[tuple[str, str]]:
    """The codes under a '单位编码' header (a 收入总表 by unit may print no unit names)."""
    for r, row in enumerate(grid.texts[:6]):
        for c, text in enumerate(row):
            if squash(text) in UNIT_CODE_WORDS:
                below = [squash(t[c]) for t in grid.texts[r + 1 :]]
                return [(code, "") for code in below if _UNIT_CODE.match(code)]
    return []


def code_and_name(row: Sequence[str]) -> tuple[str, str] | None:
    """('234', '某局') for a row printing a unit code and then a unit name in its first cells."""
    cells = [squash(c) for c in row[:4] if squash(c)]
    for first, second in zip(cells, cells[1:], strict=False):
        if _UNIT_CODE.match(first) and looks_like_unit_name(second):
            return first, unit_name(second)
        if m := _CODE_NAME.match(first):
            if looks_like_unit_name(m[2]):
                return m[1], unit_name(m[2])
    return None


def column_year_evidence(headers: Iterable[tuple[int, str]]) -> list[Evidence]:
    """'2026年预算数' over a column: the budget year, weakly (a 三公 table prints last year's
    column too)."""
    found = []
    for page, text in headers:
        if m := _COLUMN_YEAR.match(squash(text)):
            found.append(Evidence("fiscal_year", m[1], "column_header", page, squash(text)))
    return found


def scope_evidence(pages: Sequence[PageText], grids: Sequence[Grid]) -> list[Evidence]:
    """单位预算 / 部门预算 in titles and headings: which scope the document says it covers."""
    found = []
    for page in pages:
        source = "title" if any(g.page == page.number for g in grids) else "narrative"
        for ln in outside_grids(page, grids):
            text = squash(ln.text)
            if len(text) <= 40 and (scope := scope_of(text)):
                found.append(Evidence("scope", scope, source, page.number, text))
    return found


def file_name_evidence(file_name: str) -> list[Evidence]:
    """The year (and 决算) in the file name: believed only where the document says nothing."""
    name = normalise(file_name)
    found = [Evidence("fiscal_year", y, "file_name", None, name) for y in _FILE_YEAR.findall(name)]
    if "决算" in name or "final" in name.lower():
        found.append(Evidence("doc_kind", "final_accounts", "file_name", None, name))
    return found


def running_headers(found: list[Evidence]) -> list[Evidence]:
    """Unlabelled margin clues count only when they run: the same value on two pages or
    more. Once, it is a table cell or a note that spilled into the margin."""
    pages: dict[tuple[str, str], set[int | None]] = defaultdict(set)
    for e in found:
        if e.source == "running_header":
            pages[(e.field, e.value)].add(e.page)
    return [e for e in found if e.source != "running_header" or len(pages[(e.field, e.value)]) >= 2]


def document_evidence(
    pages: Sequence[PageText],
    grids: Sequence[Grid],
    file_name: str,
    column_headers: Iterable[tuple[int, str]] = (),
) -> list[Evidence]:
    """Every identity clue of the document, each with its source and page."""
    first_table_page = min((g.page for g in grids), default=len(pages) + 1)
    body = body_height(pages)
    found: list[Evidence] = []
    for page in pages:
        cover = page.number < first_table_page and page.number <= COVER_PAGES
        found += page_evidence(page, grids, body, cover)
    return (
        running_headers(found)
        + narrative_evidence(pages, grids)
        + grid_evidence(grids)
        + unit_row_evidence(grids)
        + column_year_evidence(column_headers)
        + scope_evidence(pages, grids)
        + file_name_evidence(file_name)
    )


def read_identity(
    pages: Sequence[PageText],
    grids: Sequence[Grid],
    file_name: str,
    manifest: dict[str, str] | None = None,
    column_headers: Iterable[tuple[int, str]] = (),
) -> Identity:
    """The document's identity; ``manifest`` (field → value) overrides what is printed."""
    given = [Evidence(f, v, "manifest", None, file_name) for f, v in (manifest or {}).items() if v]
    return decide(given + document_evidence(pages, grids, file_name, column_headers))
