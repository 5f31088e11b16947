"""Check a Disclosure model against every accounting identity of domain.md.

The generator is consistent by construction; this is the independent check that it is, and
that a hand-made model (the reference) is too. Returns human-readable problems, empty = clean.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from . import family as fam
from .consistency_narrative import check_narrative
from .consistency_sides import check_sides, check_small_tables
from .model import Disclosure, FamilyTable, Item
from .reading import amount, total

ROW_SUMS: dict[str, tuple[str, tuple[str, ...]]] = {
    "income_summary": ("合计", ("小计", "上年结转")),
    "expenditure_summary": ("合计", fam.EXPENDITURE_COLUMNS[1:]),
    "general_budget_expenditure": ("合计", ("基本支出", "项目支出")),
    "gov_fund_expenditure": ("合计", ("基本支出", "项目支出")),
    "state_capital_expenditure": ("合计", ("基本支出", "项目支出")),
    "general_budget_basic_expenditure": ("合计", ("人员经费", "公用经费")),
}
CODED = tuple(ROW_SUMS)


class Checker:
    def __init__(self, doc: Disclosure) -> None:
        self.doc = doc
        self.t = {t.code: t for t in doc.all_family_tables()}
        self.problems: list[str] = []

    def equal(self, where: str, expected: Decimal, observed: Decimal) -> None:
        if expected != observed:
            self.problems.append(f"{where}: expected {expected}, observed {observed}")

    def coded(self, code: str) -> dict[str | None, Item]:
        return {r.items[None].code: r.items[None] for r in self.t[code].rows if None in r.items}

    def amount_keys(self, table: FamilyTable, side: str | None = None) -> list[str]:
        return [c.key for c in table.columns if c.role == "amount" and c.side == side]

    def tree(self, code: str) -> None:
        """合计 row = Σ 类 rows; parent = Σ direct children; row totals = Σ parts."""
        rows = self.coded(code)
        codes = [c for c in rows if c]
        for key in self.amount_keys(self.t[code]):
            if rows:
                top = [rows[c] for c in codes if len(c) == 3]
                self.equal(
                    f"{code} 合计 row [{key}]",
                    amount(rows.get(None), key),
                    total(amount(i, key) for i in top),
                )
            for parent in codes:
                kids = direct_children(parent, codes)
                if kids:
                    self.equal(
                        f"{code} {parent} = Σ children [{key}]",
                        amount(rows[parent], key),
                        total(amount(rows[k], key) for k in kids),
                    )
        whole, parts = ROW_SUMS[code]
        if code == "income_summary":
            self.row_sum(code, "小计", fam.INCOME_COLUMNS[1:])
        self.row_sum(code, whole, parts)

    def row_sum(self, code: str, whole: str, parts: Iterable[str]) -> None:
        parts = tuple(parts)
        for c, item in self.coded(code).items():
            self.equal(
                f"{code} {c or '合计'} {whole} = Σ{parts}",
                amount(item, whole),
                total(amount(item, p) for p in parts),
            )

    def check(self) -> list[str]:
        for code in CODED:
            self.tree(code)
        income, expend = self.coded("income_summary"), self.coded("expenditure_summary")
        self.equal("tables 2/3 codes", Decimal(len(income)), Decimal(len(expend)))
        for c, item in income.items():
            self.equal(
                f"tables 2/3 {c or '合计'} 合计",
                amount(item, "合计"),
                amount(expend.get(c), "合计"),
            )
        check_sides(self)
        check_small_tables(self)
        return self.problems


def direct_children(parent: str, codes: list[str]) -> list[str]:
    below = [c for c in codes if c != parent and c.startswith(parent)]
    return [c for c in below if not any(c != d and c.startswith(d) for d in below)]


def check_disclosure(doc: Disclosure, previous: Disclosure | None = None) -> list[str]:
    """Every identity of domain.md that fails on ``doc`` (and its narrative, vs ``previous``)."""
    problems = Checker(doc).check()
    return problems + check_narrative(doc, previous)
