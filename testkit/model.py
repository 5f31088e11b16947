"""A disclosure as structured data, before it is printed.

The renderer prints this model to a spreadsheet and then to PDF; the ground truth is derived
from the same model, never from the printed text, so extraction is measured against the source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, Literal

Role = Literal["row_no", "code", "name", "amount", "text", "count"]
Side = Literal["income", "expenditure"]


@dataclass(frozen=True)
class Column:
    """One leaf column as printed; ``printed`` may hold a wrap space (``科目 编码``)."""

    printed: str
    role: Role
    group: str | None = None
    side: Side | None = None

    @property
    def key(self) -> str:
        return "".join(self.printed.split())

    @property
    def truth_name(self) -> str:
        """The contract's column name: the leaf without its unit annotation (价值（…） → 价值)."""
        return re.sub(r"[（(]金额单位[：:][^）)]*[）)]$", "", self.key)


@dataclass
class Item:
    """One line item (a label with its amounts) on one side of a printed row."""

    name: str
    code: str | None = None
    amounts: dict[str, Decimal] = field(default_factory=dict)  # column key → 万元; absent = blank
    printed_name: str | None = None  # the label as printed when it wraps (spaces allowed)
    split_at: int | None = None  # chars printed before a page break; the rest opens the next page
    texts: dict[str, str] = field(default_factory=dict)  # non-amount text cells (e.g. 计量单位)

    @property
    def label(self) -> str:
        return self.printed_name or self.name


@dataclass
class Row:
    row_no: int | None
    items: dict[Side | None, Item]


@dataclass
class FamilyTable:
    """One table of the fixed family (收支总表 … 固定资产占用情况表)."""

    code: str
    title: str  # full printed title, e.g. '部门预算收入总表'
    columns: list[Column]
    rows: list[Row]
    rows_per_page: list[int] | None = None  # body rows per page; None = all on one page
    label_words: list[str] | None = None  # per page: '栏次' or the typo '档次'; None = no 栏次 row
    note: str | None = None  # 注：… printed below the table
    repeat_header: bool = True  # False: a continuation page without the repeated header
    title_lines: list[str] | None = None  # overrides the standard unit/年度 block
    landscape: bool = False
    # The page each body row lands on, filled in by the renderer (row index → 1-based page).
    row_pages: dict[int, int] = field(default_factory=dict)
    first_page: int | None = None  # filled in by the renderer


@dataclass
class Indicator:
    level1: str
    level2: str
    level3: str
    description: str
    target_text: str
    basis: str


@dataclass
class TargetTable:
    """One 项目绩效目标表: a project's goal and its indicator rows."""

    seq: int
    project_name: str
    goal_text: str
    indicators: list[Indicator]
    page: int | None = None  # filled in by the renderer


@dataclass
class Paragraph:
    text: str
    heading: bool = False


@dataclass
class SmallTable:
    """A ruled table in the narrative that is not part of the family (e.g. 机构设置)."""

    rows: list[list[str]]  # first row is the header


Block = Paragraph | TargetTable | FamilyTable | SmallTable


@dataclass
class Disclosure:
    """A whole document: the title-block facts, the table family, then the 情况说明 blocks."""

    dept_code: str
    dept_name: str
    fiscal_year: int
    doc_kind: Literal["budget", "final_accounts"]
    unit: Literal["万元", "元"]
    title_prefix: str  # '部门预算', '2023年部门预算', '' …
    unit_line_space: bool  # '323 石家庄…' (True) or '323石家庄…' (False), per the seed's mix
    tables: list[FamilyTable]
    narrative: list[Block]
    with_toc: bool = True
    zero_as_blank: bool = True
    # Blocks printed on pages of their own right after the family table with that code
    # (an explanatory page between two tables, as some offices print).
    interludes: dict[str, list[Block]] = field(default_factory=dict)
    # Figures the 情况说明 states: {fact_key, amount_wan | value, sentence}; the narrative truth.
    narrative_facts: list[dict[str, Any]] = field(default_factory=list)
    # How a generated document was made (seed, variant flags, revision); empty for real ones.
    provenance: dict[str, Any] = field(default_factory=dict)

    @property
    def unit_line(self) -> str:
        sep = " " if self.unit_line_space else ""
        return f"{self.dept_code}{sep}{self.dept_name}"

    @property
    def published(self) -> date:
        """When the office put it out: budgets early in the fiscal year, final accounts the
        summer after; each re-publication (revision) a month later than the one before."""
        revision = int(self.provenance.get("revision", 1))
        year, month = (
            (self.fiscal_year, 2) if self.doc_kind == "budget" else (self.fiscal_year + 1, 8)
        )
        return date(year, month + revision - 1, 10)

    def all_family_tables(self) -> list[FamilyTable]:
        """The nine main tables plus procurement/fixed assets placed inside the narrative."""
        return self.tables + [b for b in self.narrative if isinstance(b, FamilyTable)]

    def target_tables(self) -> list[TargetTable]:
        return [b for b in self.narrative if isinstance(b, TargetTable)]
