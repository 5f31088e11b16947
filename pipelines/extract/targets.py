"""项目绩效目标表 grids → one row per indicator, with the 指标值 parsed into comparator/value/unit.

Each project prints a title line ('1、参保人员管理绩效目标表'), then a ruled grid: a 绩效目标 row
spanning the table, the header (一级指标 … 指标值确定依据) and the indicators, 一级指标 merged
down. :func:`read_grids` already fills merged cells, so the work here is to recognise target
grids, name them from the title line above, glue a table continued on the next page to its
project, and read targets like '≥11000 人', '≤44.7 元', '是/否' as data.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

import pandas as pd

from pipelines.schema import TARGET_DTYPES
from pipelines.text import join_words

from .grids import Grid
from .pdf_text import PageText

ROLES = ("level1", "level2", "level3", "indicator_text", "target_text", "basis")
# Header label → role; checked in order, so '指标值确定依据' is basis before '指标值' is target.
HEADER_ROLES: tuple[tuple[str, str], ...] = (
    ("一级指标", "level1"),
    ("二级指标", "level2"),
    ("三级指标", "level3"),
    ("依据", "basis"),
    ("指标值|目标值", "target_text"),
    ("描述|指标内容|指标解释|指标名称", "indicator_text"),
)
GOAL_LABEL = re.compile(r"^(年度|项目|总体)?(绩效)?目标$")
TITLE = re.compile(r"^(?:(\d+)[、.．])?(.+?)绩效目标表$")
Title = tuple[int | None, str]  # (printed seq, project name)

# 指标值 normalisation, one character for one (full-width forms and the ≧/≦ variants).
TARGET_CHARS = str.maketrans("０１２３４５６７８９．，％＞＜＝≧≦／", "0123456789.,%><=≥≤/")
YES_NO = re.compile(r"^(是|否|有|无)([/、或](是|否|有|无))?$")
NUMBER = re.compile(r"(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?")
PREFIX_COMPARATORS: tuple[tuple[str, str], ...] = (
    (r"≥|>=|=>|不低于|不少于|不小于|大于等于|大于或等于|至少|达到|达|超过等于", ">="),
    (r"≤|<=|=<|不高于|不超过|不超出|不大于|小于等于|小于或等于|控制在|至多|最多", "<="),
    (r">|高于|大于|超过|多于", ">"),
    (r"<|低于|小于|少于", "<"),
    (r"=|等于|为", "="),
)
SUFFIX_COMPARATORS: tuple[tuple[str, str], ...] = (
    (r"(及|或)?以上$", ">="),
    (r"(及|或)?(以内|以下|之内)$", "<="),
)


class Target(NamedTuple):
    """A parsed 指标值: comparator ('>=', '<=', '>', '<', '=', 'yes_no'), value, unit."""

    comparator: str | None
    value: float | None
    unit: str | None


def parse_target(text: str) -> Target:
    """'≥11000 人' → ('>=', 11000.0, '人'); '是/否' → ('yes_no', None, None); '1次' → '='.

    Words count as comparators too ('不低于90%', '95%以上', '3%以内'). Anything else (a range,
    a word like '优') gives (None, None, None); target_text keeps what was printed.
    """
    s = "".join(text.split()).translate(TARGET_CHARS)
    if YES_NO.match(s):
        return Target("yes_no", None, None)
    m = NUMBER.search(s)
    if not m:
        return Target(None, None, None)
    prefix, rest = s[: m.start()], s[m.end() :]
    suffix_op, unit = None, rest
    for pattern, op in SUFFIX_COMPARATORS:
        if re.search(pattern, rest):
            suffix_op, unit = op, re.sub(pattern, "", rest)
    prefix_op = next((op for p, op in PREFIX_COMPARATORS if re.fullmatch(p, prefix)), None)
    if (prefix and prefix_op is None) or NUMBER.search(unit):
        return Target(None, None, None)
    value = float((m.group(1) + (m.group(2) or "")).replace(",", ""))
    return Target(prefix_op or suffix_op or "=", value, unit or None)


# --- grids → tables -------------------------------------------------------------------------


def cell(text: str) -> str:
    return "".join(text.split())


def header_roles(row: Sequence[str]) -> dict[int, str] | None:
    """Column → role when ``row`` is the 一级指标/二级指标/… header, else None."""
    labels = [cell(t) for t in row]
    if "一级指标" not in labels or not any("指标值" in t or "目标值" in t for t in labels):
        return None
    roles: dict[int, str] = {}
    for col, label in enumerate(labels):
        role = next((r for p, r in HEADER_ROLES if re.search(p, label)), None)
        if role and role not in roles.values():
            roles[col] = role
    return roles


def goal_text(row: Sequence[str]) -> str | None:
    """The 绩效目标 text when ``row`` is the goal row (label cell, then the goal spanning)."""
    if not row or not GOAL_LABEL.match(cell(row[0])):
        return None
    return next((t for t in row[1:] if t.strip() and cell(t) != cell(row[0])), "")


def is_target_grid(grid: Grid) -> bool:
    return any(header_roles(r) or goal_text(r) is not None for r in grid.texts)


def title_between(page: PageText | None, top: float, bottom: float) -> Title | None:
    """(seq, project name) of the last 'N、XXX绩效目标表' line between ``top`` and ``bottom``."""
    if page is None:
        return None
    found = None
    for line in page.lines_between(top, bottom):
        m = TITLE.match(join_words(line.text))
        if m:
            found = (int(m.group(1)) if m.group(1) else None, m.group(2))
    return found


@dataclass
class TargetTable:
    """One project's table as it is assembled from one or more grids."""

    seq: int
    name: str | None
    goal: str | None
    roles: dict[int, str]
    rows: list[dict[str, object]] = field(default_factory=list)


def default_roles(grid: Grid) -> dict[int, str]:
    return dict(enumerate(ROLES)) if grid.n_cols == len(ROLES) else {}


def add_indicators(table: TargetTable, grid: Grid) -> None:
    """Append the grid's indicator rows; 一级/二级指标 cut by a page break are filled down."""
    in_body = not any(header_roles(r) for r in grid.texts)
    for row in grid.texts:
        roles = header_roles(row)
        if roles:
            table.roles, in_body = roles, True
            continue
        if not in_body or goal_text(row) is not None or not any(t.strip() for t in row):
            continue
        values = {role: row[col].strip() for col, role in table.roles.items()}
        previous = table.rows[-1] if table.rows else {}
        for level in ("level1", "level2"):
            values[level] = values.get(level) or previous.get(level, "")
        table.rows.append(values | {"page": grid.page})


def start_table(grid: Grid, layout: Layout, above: float, count: int) -> TargetTable:
    """A new project table, named by the title above the grid (or at the previous page's foot)."""
    title = title_between(layout.pages.get(grid.page), above, grid.top)
    if title is None and above == 0.0:
        title = title_between(layout.pages.get(grid.page - 1), layout.foot(grid.page - 1), 1e9)
    seq, name = title if title else (None, None)
    goal = next((g for g in map(goal_text, grid.texts) if g is not None), None)
    return TargetTable(seq or count + 1, name, goal, default_roles(grid))


@dataclass(frozen=True)
class Layout:
    """Pages by number and the bottom of each page's last grid: where titles can be."""

    pages: dict[int, PageText]
    grids: Sequence[Grid]

    def foot(self, page: int) -> float:
        return max((g.bottom for g in self.grids if g.page == page), default=0.0)


def continues(grid: Grid, previous: Grid, table: TargetTable, layout: Layout) -> bool:
    """Is ``grid`` the rest of ``table``, carried over the page break?

    Yes when it tops the next page untitled, as wide, without a 绩效目标 row, and holds
    indicator-like rows (a 指标值 that parses) rather than being some other table.
    """
    if grid.page != previous.page + 1 or grid.n_cols != previous.n_cols:
        return False
    if any(goal_text(r) is not None for r in grid.texts):
        return False
    if title_between(layout.pages.get(grid.page), 0.0, grid.top) is not None:
        return False
    target_col = next((c for c, role in table.roles.items() if role == "target_text"), None)
    return target_col is not None and any(
        parse_target(row[target_col]).comparator for row in grid.texts
    )


def target_tables(pages: Sequence[PageText], grids: Sequence[Grid]) -> list[TargetTable]:
    """Every project's table in print order, continuation grids merged into their project."""
    ordered = sorted(grids, key=lambda g: (g.page, g.top))
    layout = Layout({p.number: p for p in pages}, ordered)
    tables: list[TargetTable] = []
    previous: Grid | None = None  # the previous grid in reading order, of any kind
    last_target: Grid | None = None  # the last grid that went into a target table
    for grid in ordered:
        first_on_page = previous is None or previous.page != grid.page
        if first_on_page and previous is not None and previous is last_target:
            if continues(grid, previous, tables[-1], layout):
                add_indicators(tables[-1], grid)
                previous = last_target = grid
                continue
        if is_target_grid(grid):
            above = 0.0 if first_on_page or previous is None else previous.bottom
            tables.append(start_table(grid, layout, above, len(tables)))
            add_indicators(tables[-1], grid)
            last_target = grid
        previous = grid
    return tables


def performance_targets(pages: Sequence[PageText], grids: Sequence[Grid]) -> pd.DataFrame:
    """One row per indicator of every 项目绩效目标表, 指标值 parsed (see :func:`parse_target`)."""
    records = []
    for table in target_tables(pages, grids):
        for n, row in enumerate(table.rows, start=1):
            target = parse_target(str(row.get("target_text", "")))
            records.append(
                {
                    "project_seq": table.seq,
                    "project_name": table.name,
                    "goal_text": table.goal,
                    **{role: row.get(role) for role in ROLES},
                    "comparator": target.comparator,
                    "target_value": target.value,
                    "target_unit": target.unit,
                    "indicator_seq": n,
                    "page": row["page"],
                }
            )
    return pd.DataFrame(
        {c: pd.Series([r[c] for r in records], dtype=t) for c, t in TARGET_DTYPES.items()}
    )
