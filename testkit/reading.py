"""Figures read back from a Disclosure model (last year's totals for this year's narrative)."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from .model import Disclosure, FamilyTable, Item
from .money import Cents, cents_of


def table(doc: Disclosure, code: str) -> FamilyTable:
    return next(t for t in doc.all_family_tables() if t.code == code)


def find_item(t: FamilyTable, name: str, side: str | None = None) -> Item | None:
    for row in t.rows:
        item = row.items.get(side)
        if item is not None and "".join(item.name.split()) == name:
            return item
    return None


def amount(item: Item | None, key: str) -> Decimal:
    """A cell's amount; blank cells count as zero."""
    return item.amounts.get(key, Decimal(0)) if item else Decimal(0)


def document_total(doc: Disclosure) -> Cents:
    """收入总计 of table 1 (= 支出总计): what a narrative's year-over-year change compares."""
    t = table(doc, "income_expenditure_summary")
    key = next(c.key for c in t.columns if c.role == "amount")
    return cents_of(amount(find_item(t, "收入总计", "income"), key))


def three_public_total(doc: Disclosure) -> Cents:
    return cents_of(amount(find_item(table(doc, "three_public_expenditure"), "合计"), "合计"))


def total(values: Iterable[Decimal]) -> Decimal:
    return sum(values, Decimal(0))
