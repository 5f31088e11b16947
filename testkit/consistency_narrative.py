"""The narrative's stated figures against the tables (and last year's document)."""

from __future__ import annotations

from decimal import Decimal

from .model import Disclosure
from .reading import amount, document_total, find_item, table

ONE_PERCENT_ROUNDING = Decimal("0.5")


def table_figures(doc: Disclosure) -> dict[str, Decimal]:
    """What each narrative fact key must equal, read from the tables."""
    t1 = table(doc, "income_expenditure_summary")
    word = next(c.key for c in t1.columns if c.role == "amount")
    t3 = find_item(table(doc, "expenditure_summary"), "合计")
    t6 = find_item(table(doc, "general_budget_basic_expenditure"), "合计")
    tp = table(doc, "three_public_expenditure")
    fa = table(doc, "fixed_assets")
    three = {
        "three_public_total": "合计",
        "outbound_travel": "因公出国（境）费",
        "vehicle_total": "公务用车购置及运行维护费",
        "vehicle_purchase": "其中：公务用车购置费",
        "vehicle_operation": "公务用车运行维护费",
        "reception": "公务接待费",
    }
    return {
        "total_income": amount(find_item(t1, "收入总计", "income"), word),
        "general_budget_income": amount(find_item(t1, "一、一般公共预算拨款收入", "income"), word),
        "gov_fund_income": amount(find_item(t1, "二、政府性基金预算拨款收入", "income"), word),
        "total_expenditure": amount(find_item(t1, "支出总计", "expenditure"), word),
        "basic_expenditure": amount(t3, "基本支出"),
        "project_expenditure": amount(t3, "项目支出"),
        "operating_cost": amount(t6, "公用经费"),
        **{k: amount(find_item(tp, name), "合计") for k, name in three.items()},
        "procurement_total": amount(find_item(table(doc, "gov_procurement"), "合计"), "合计"),
        "fixed_assets_total": amount(find_item(fa, "资产总额"), fa.columns[2].key),
    }


def check_narrative(doc: Disclosure, previous: Disclosure | None = None) -> list[str]:
    facts = {f["fact_key"]: f for f in doc.narrative_facts}
    if not facts:
        return []
    problems = []
    figures = table_figures(doc)
    for key, fact in facts.items():
        if key in figures and Decimal(fact["amount_wan"]) != figures[key]:
            problems.append(f"narrative {key}: stated {fact['amount_wan']}, table {figures[key]}")
    change = Decimal(facts["yoy_change"]["amount_wan"])
    prev = figures["total_income"] - change
    if "prev_year_total" in facts and Decimal(facts["prev_year_total"]["amount_wan"]) != prev:
        problems.append(f"narrative prev_year_total {facts['prev_year_total']} ≠ {prev}")
    if previous is not None and Decimal(document_total(previous)).scaleb(-2) != prev:
        problems.append(f"narrative yoy_change {change}: last year's total is not {prev}")
    pct = Decimal(str(facts["yoy_change_pct"]["value"]))
    if abs(pct - change * 100 / prev) > ONE_PERCENT_ROUNDING:
        problems.append(f"narrative yoy_change_pct {pct} ≠ {change * 100 / prev:.2f}")
    return problems
