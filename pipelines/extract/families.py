"""One document's tables as a set: which of two look-alikes is the family's table.

Titles name a table but not always which one of the family it is: a region may print
"一般公共预算支出表" twice (by function and by economic class), or call its only economic-class
table of general-budget spending "一般公共预算支出表（按经济分类）" where another region prints
"一般公共预算基本支出表". Which of them is ``general_budget_basic_expenditure`` depends on the
rest of the set, decided here from what each table's rows hold (functional codes 2xx vs
economic codes 3xx/5xx):

- an economic-class general-budget table is the basic table when the document has no table
  titled 基本支出 by economic class, else ``general_budget_economic_expenditure``;
- a basic table by functional class is ``general_budget_basic_by_function`` when another basic
  table by economic class exists.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipelines.text import squash

from .tables import RawTable

BASIC, GENERAL = "general_budget_basic_expenditure", "general_budget_expenditure"
ECONOMIC, BASIC_BY_FUNCTION = (
    "general_budget_economic_expenditure",
    "general_budget_basic_by_function",
)
LABEL_ROLES = ("code", "code_part", "code_label", "name")
_CODE = re.compile(r"^[\[【]?(\d{3})")


def classes_printed(table: RawTable) -> str | None:
    """'economic' when the rows' codes are 3xx/5xx, 'functional' for 2xx, None when unsure."""
    heads = []
    for row in table.rows:
        for column in table.columns:
            if column.role in LABEL_ROLES and (m := _CODE.match(squash(row.cells[column.index]))):
                heads.append(m[1][0])
                break
    if not heads:
        return None
    economic = sum(h in "35" for h in heads)
    functional = sum(h == "2" for h in heads)
    if economic > functional:
        return "economic"
    return "functional" if functional > economic else None


def resolve_family(tables: Sequence[RawTable]) -> None:
    """Re-code look-alike tables in place, by what their rows hold (see the module)."""
    kinds = {id(t): classes_printed(t) for t in tables}
    economic_basic = any(t.table_code == BASIC and kinds[id(t)] != "functional" for t in tables)
    for table in tables:
        kind = kinds[id(table)]
        if table.table_code == GENERAL and kind == "economic":
            table.table_code = ECONOMIC if economic_basic else BASIC
        elif table.table_code == BASIC and kind == "functional" and economic_basic:
            table.table_code = BASIC_BY_FUNCTION
