"""The 机构设置 table of the narrative → one row per unit (name, type, rank, funding form).

A department lists itself and its subordinate units (单位名称/单位性质/单位规格/经费保障形式);
the columns say whether a unit is 行政 or 事业, its rank, and whether it is fully funded —
context an analyst needs before comparing two departments' budgets.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import pandas as pd

from .grids import Grid

ORGANISATION_COLUMNS = ("unit_name", "unit_type", "unit_rank", "funding_form")
# Header label → column; regional forms use 单位类型/机构规格/经费形式 for the same things.
HEADER_COLUMNS: tuple[tuple[str, str], ...] = (
    (r"单位名称|机构名称", "unit_name"),
    (r"单位性质|单位类型|机构性质", "unit_type"),
    (r"单位规格|机构规格|规格|级别", "unit_rank"),
    (r"经费(保障)?形式|经费来源|经费保障", "funding_form"),
)


def header_columns(row: Sequence[str]) -> dict[int, str] | None:
    """Column index → output column when ``row`` is the 机构设置 header, else None."""
    found: dict[int, str] = {}
    for col, text in enumerate(row):
        label = "".join(text.split())
        name = next((c for p, c in HEADER_COLUMNS if re.fullmatch(p, label)), None)
        if name and name not in found.values():
            found[col] = name
    return found if "unit_name" in found.values() and len(found) >= 2 else None


def organisation_units(grids: Sequence[Grid]) -> pd.DataFrame:
    """Rows under every 机构设置 header; a headerless grid topping the next page continues it."""
    records: list[dict[str, str | None]] = []
    carried: tuple[Grid, dict[int, str]] | None = None
    for grid in sorted(grids, key=lambda g: (g.page, g.top)):
        columns = carried[1] if carried and continues(grid, carried[0]) else None
        carried = None
        for row in grid.texts:
            header = header_columns(row)
            if header:
                columns = header
            elif columns:
                records += unit_record(row, columns)
        if columns:
            carried = (grid, columns)
    return pd.DataFrame(
        {c: pd.Series([r[c] for r in records], dtype="string") for c in ORGANISATION_COLUMNS}
    )


def continues(grid: Grid, previous: Grid) -> bool:
    return grid.page == previous.page + 1 and grid.n_cols == previous.n_cols


def unit_record(row: Sequence[str], columns: dict[int, str]) -> list[dict[str, str | None]]:
    """The row as a record, or nothing when it names no unit (a blank or a 合计 row)."""
    values = {name: row[col].strip() or None for col, name in columns.items()}
    if not values.get("unit_name") or values["unit_name"] in ("合计", "小计"):
        return []
    return [{c: values.get(c) for c in ORGANISATION_COLUMNS}]
