"""One printed clue to a document's identity, and how much each kind of place is believed.

A unit line (``部门名称：某局``) or a table title naming the unit is strong: it is printed to
say whose table this is. A cover heading is strong too. A labelled table cell (``部门名称 | 某局``)
and the narrative's closing attachment line (``附件：某局2026年度部门预算报表``) nearly so. The
narrative's opening, running headers and by-unit table rows support; the file name (often
given by whoever downloaded the file) is never believed over the content.
"""

from __future__ import annotations

from dataclasses import dataclass

FIELDS = ("dept_code", "dept_name", "fiscal_year", "doc_kind", "scope")
# source → weight of one page's printing. Strong sources (weight ≥ STRONG) can refuse a
# document by disagreeing with each other; the rest only add support.
WEIGHTS: dict[str, float] = {
    "manifest": 100.0,
    "unit_line": 3.0,
    "title": 3.0,
    "cover": 3.0,
    "table_label": 2.0,
    "attachment": 2.0,
    "narrative": 1.5,
    "header_footer": 1.0,
    "running_header": 1.0,
    "unit_row": 1.0,
    "column_header": 0.5,
    "file_name": 0.1,
}
STRONG = 3.0
# Places that state a year or a kind for the whole document (the narrative's '现将…2026年部门
# 预算公开如下' included): one of them against another is a conflict, not a slip.
STATING = 1.5


@dataclass(frozen=True)
class Evidence:
    field: str  # one of FIELDS
    value: str
    source: str  # one of WEIGHTS
    page: int | None
    text: str  # the printed line it was read from

    @property
    def weight(self) -> float:
        return WEIGHTS[self.source]

    def describe(self) -> str:
        where = f" p{self.page}" if self.page else ""
        return f"{self.value} ({self.source}{where}: '{self.text[:40]}')"
