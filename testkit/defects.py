"""Seeded defects: deliberate errors put into a document to prove validation catches them.

Each function copies its input, makes one change and returns the changed copy with a
``Defect`` saying exactly what changed (table, row, column, old and new figure) and which row a
validator must flag (``flag_item``: the row itself, or the parent of a dropped child code).
Frame-level defects act on tidy fact / narrative frames; model-level ones act on a
``Disclosure`` so the defective document can be rendered to PDF and extracted end to end.
"""

from __future__ import annotations

import copy
import random
from dataclasses import dataclass, replace
from decimal import Decimal

import pandas as pd

from .model import Disclosure, FamilyTable, Item, Row

DEFAULT_DELTA = Decimal("1.00")


@dataclass(frozen=True)
class Defect:
    """What a seeded defect changed, and where a validator must report it."""

    kind: str  # cell_changed | total_mismatch | row_dropped | child_code_missing | narrative_off
    table_code: str | None
    item: str  # code or label of the changed row; fact_key for narrative defects
    column: str | None
    old: Decimal | None
    new: Decimal | None
    flag_item: str  # the row (code or label) or fact_key whose check must fail
    side: str | None = None

    @property
    def description(self) -> str:
        where = " / ".join(
            str(p) for p in (self.table_code, self.side, self.item, self.column) if p
        )
        return f"{self.kind} at {where}: {self.old} → {self.new} (flag {self.flag_item})"


# --- tidy fact frames ---------------------------------------------------------------------


def _row_mask(facts: pd.DataFrame, table_code: str, item: str, side: str | None) -> pd.Series:
    mask = (facts["table_code"] == table_code) & (
        (facts["item_code"] == item) | (facts["item_name"] == item)
    )
    if side is not None:
        mask &= facts["side"] == side
    return mask.fillna(False).astype(bool)


def _one_cell(facts: pd.DataFrame, table_code: str, item: str, column: str, side: str | None):
    mask = _row_mask(facts, table_code, item, side) & (facts["column_name"] == column)
    hits = facts.index[mask.fillna(False).astype(bool)]
    if len(hits) != 1:
        raise ValueError(f"{len(hits)} cells match {table_code}/{side}/{item}/{column}, need 1")
    return hits[0]


def change_cell(
    facts: pd.DataFrame,
    table_code: str,
    item: str,
    column: str,
    *,
    new: Decimal | None = None,
    delta: Decimal = DEFAULT_DELTA,
    side: str | None = None,
    kind: str = "cell_changed",
) -> tuple[pd.DataFrame, Defect]:
    """One printed cell (row by code or label) set to ``new``, or moved by ``delta``."""
    index = _one_cell(facts, table_code, item, column, side)
    old = Decimal(facts.at[index, "amount_wan"])
    value = new if new is not None else old + delta
    changed = facts.copy()
    changed.loc[index, "amount_wan"] = value
    defect = Defect(kind, table_code, item, column, old, value, item, side)
    return changed, defect


def break_total(
    facts: pd.DataFrame,
    table_code: str,
    column: str = "合计",
    *,
    delta: Decimal = DEFAULT_DELTA,
    total: str = "合计",
    side: str | None = None,
) -> tuple[pd.DataFrame, Defect]:
    """A total row (合计, 本年收入合计 …) that no longer matches its parts."""
    return change_cell(
        facts, table_code, total, column, delta=delta, side=side, kind="total_mismatch"
    )


def drop_row(
    facts: pd.DataFrame, table_code: str, item: str, *, side: str | None = None
) -> tuple[pd.DataFrame, Defect]:
    """Every cell of one row removed, as if extraction lost the line."""
    mask = _row_mask(facts, table_code, item, side)
    if not mask.any():
        raise ValueError(f"no row {table_code}/{side}/{item}")
    old = _first_amount(facts[mask])
    defect = Defect("row_dropped", table_code, item, None, old, None, item, side)
    return facts[~mask].copy(), defect


def drop_child_code(facts: pd.DataFrame, table_code: str, code: str) -> tuple[pd.DataFrame, Defect]:
    """A 款/项 code missing: the parent row no longer equals the sum of its children."""
    parent = _parent_code(facts, table_code, code)
    dropped, defect = drop_row(facts, table_code, code)
    return dropped, replace(defect, kind="child_code_missing", flag_item=parent)


def _parent_code(facts: pd.DataFrame, table_code: str, code: str) -> str:
    codes = set(facts.loc[facts["table_code"] == table_code, "item_code"].dropna())
    parents = [c for c in codes if len(c) < len(code) and code.startswith(c)]
    if not parents:
        raise ValueError(f"{table_code}: code {code} has no parent row")
    return max(parents, key=len)


def _first_amount(rows: pd.DataFrame) -> Decimal | None:
    totals = rows[rows["column_name"].isin(["合计", "预算数", "决算数", "金额"])]
    source = totals if len(totals) else rows
    return Decimal(source["amount_wan"].iloc[0]) if len(source) else None


# --- narrative frames -----------------------------------------------------------------------


def shift_narrative(
    narrative: pd.DataFrame,
    fact_key: str,
    *,
    delta: Decimal = DEFAULT_DELTA,
    column: str = "amount_wan",
) -> tuple[pd.DataFrame, Defect]:
    """A figure in the 情况说明 text off by ``delta`` (``value`` column for percentages)."""
    hits = narrative.index[narrative["fact_key"] == fact_key]
    if len(hits) != 1:
        raise ValueError(f"{len(hits)} narrative rows state {fact_key}, need 1")
    old = Decimal(str(narrative.at[hits[0], column]))
    changed = narrative.copy()
    new = old + delta
    changed.loc[hits[0], column] = new if column == "amount_wan" else float(new)
    return changed, Defect("narrative_off", None, fact_key, column, old, new, fact_key)


def wrong_yoy_change(
    narrative: pd.DataFrame, *, delta: Decimal = Decimal("100.00")
) -> tuple[pd.DataFrame, Defect]:
    """The stated change on last year no longer equals this year's total minus last year's."""
    changed, defect = shift_narrative(narrative, "yoy_change", delta=delta)
    return changed, replace(defect, kind="yoy_change_wrong")


# --- seeded choice ----------------------------------------------------------------------------

FRAME_DEFECTS = ("cell_changed", "total_mismatch", "row_dropped", "child_code_missing")


def seeded_defect(facts: pd.DataFrame, seed: int) -> tuple[pd.DataFrame, Defect]:
    """One defect chosen and placed by ``seed`` (same seed, same defect): for corpus runs.

    Changes are 1–50 万元, well above the rounding tolerance, so each one must be caught:
    a dropped 类 row is flagged at its table's 合计 row, a missing child at its parent.
    """
    rng = random.Random(seed)
    kind = rng.choice(FRAME_DEFECTS)
    codes = facts["item_code"].fillna("").str.len()
    pools = {
        "child_code_missing": facts[codes > 3],
        "row_dropped": facts[(codes == 3) & facts["side"].isna()],
        "total_mismatch": facts[(facts["item_name"] == "合计") & (codes == 0)],
        "cell_changed": facts[codes >= 3],
    }
    pool = pools[kind] if len(pools[kind]) else facts
    row = pool.iloc[rng.randrange(len(pool))]
    table, code = row["table_code"], row["item_code"]
    if kind == "child_code_missing" and len(pools[kind]):
        return drop_child_code(facts, table, code)
    if kind == "row_dropped" and len(pools[kind]):
        changed, defect = drop_row(facts, table, code)
        return changed, replace(defect, flag_item="合计")
    item = code if pd.notna(code) and code else row["item_name"]
    side = row["side"] if pd.notna(row["side"]) else None
    delta = Decimal(rng.randint(100, 5000)) / 100
    kind = "total_mismatch" if item == "合计" else "cell_changed"
    return change_cell(facts, table, item, row["column_name"], delta=delta, side=side, kind=kind)


# --- disclosure models ------------------------------------------------------------------------


def _table(doc: Disclosure, table_code: str) -> FamilyTable:
    table = next((t for t in doc.all_family_tables() if t.code == table_code), None)
    if table is None:
        raise ValueError(f"no table {table_code}")
    return table


def _item(table: FamilyTable, item: str, side: str | None) -> tuple[Row, Item]:
    for row in table.rows:
        found = row.items.get(side)
        if found is not None and item in (found.code, found.name):
            return row, found
    raise ValueError(f"no row {table.code}/{side}/{item}")


def change_model_cell(
    doc: Disclosure,
    table_code: str,
    item: str,
    column: str,
    *,
    new: Decimal | None = None,
    delta: Decimal = DEFAULT_DELTA,
    side: str | None = None,
) -> tuple[Disclosure, Defect]:
    """A copy of ``doc`` with one amount changed, to render as a defective PDF."""
    changed = copy.deepcopy(doc)
    _, found = _item(_table(changed, table_code), item, side)
    old = found.amounts.get(column, Decimal(0))
    found.amounts[column] = new if new is not None else old + delta
    defect = Defect(
        "cell_changed", table_code, item, column, old, found.amounts[column], item, side
    )
    return changed, defect


def drop_model_row(
    doc: Disclosure, table_code: str, item: str, *, side: str | None = None
) -> tuple[Disclosure, Defect]:
    """A copy of ``doc`` without one row (only that side's item in the two-sided tables)."""
    changed = copy.deepcopy(doc)
    table = _table(changed, table_code)
    row, found = _item(table, item, side)
    if side is None:
        table.rows.remove(row)
    else:
        del row.items[side]
    old = next(iter(found.amounts.values()), None)
    return changed, Defect("row_dropped", table_code, item, None, old, None, item, side)
