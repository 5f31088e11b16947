"""Print choices applied to built tables: pages, 栏次/档次, unit lines, wraps, splits, zeros.

None of this changes a figure; it changes where and how figures are printed, which is what
the extractor has to survive.
"""

from __future__ import annotations

import random
from decimal import Decimal

from .model import Disclosure, FamilyTable, Item
from .render import WIDE_SHEET_CHARS
from .render_family import column_widths
from .variants import Variant

PORTRAIT_ROWS, LANDSCAPE_ROWS = 18, 12  # body rows that surely fit a page with 2-line labels
SPLIT_TABLES = ("income_summary", "expenditure_summary")
WRAP_TABLES = ("expenditure_summary", "general_budget_expenditure", "gov_fund_expenditure")
CODED_ZEROS = ("合计", "基本支出", "项目支出")
ZERO_COLUMNS: dict[str, tuple[str, ...]] = {
    "income_summary": ("合计", "小计", "财政拨款收入"),
    "expenditure_summary": CODED_ZEROS,
    "general_budget_expenditure": CODED_ZEROS,
    "gov_fund_expenditure": CODED_ZEROS,
    "general_budget_basic_expenditure": ("合计", "人员经费", "公用经费"),
    "three_public_expenditure": ("合计", "一般公共预算财政拨款"),
}
ZERO = Decimal("0.00")


def is_landscape(table: FamilyTable, unit: str) -> bool:
    return table.landscape or sum(column_widths(table, unit)) > WIDE_SHEET_CHARS


def paginate(n: int, most: int, rng: random.Random, first: int | None = None) -> list[int] | None:
    """Body rows per page, each page at most ``most`` rows; None = all on one page."""
    sizes = [first] if first else []
    left = n - sum(sizes)
    if not sizes and left <= most and rng.random() < 0.6:
        return None
    while left > most:
        sizes.append(rng.randint(max(4, most - 6), most))
        left -= sizes[-1]
    return sizes + [left] if left else sizes


def label_words(pages: int, variant: Variant, rng: random.Random) -> list[str]:
    if variant.label_word != "mixed":
        return [variant.label_word] * pages
    return [rng.choice(["栏次", "栏次", "档次"]) for _ in range(pages)]


def split_one_label(table: FamilyTable, most: int, rng: random.Random) -> bool:
    """Cut a long label at a page break (the seed's '国有土地使用权出' | '让收入安排的支出')."""
    items = [(i, r.items[None]) for i, r in enumerate(table.rows) if None in r.items]
    fits = [(i, it) for i, it in items if 2 <= i < min(most, len(table.rows) - 1)]
    candidates = [(i, it) for i, it in fits if len(it.name) >= 8]
    if not candidates:
        return False
    index, item = rng.choice(candidates)
    item.split_at = rng.randint(3, len(item.name) - 3)
    item.printed_name = None
    table.rows_per_page = paginate(len(table.rows), most, rng, first=index + 1)
    return True


def wrap_labels(table: FamilyTable, rng: random.Random) -> None:
    long = [
        it for r in table.rows for it in r.items.values() if len(it.name) >= 12 and not it.split_at
    ]
    for item in rng.sample(long, min(len(long), 2)):
        cut = len(item.name) - rng.randint(3, 5)
        item.printed_name = f"{item.name[:cut]} {item.name[cut:]}"


def print_zeros(table: FamilyTable) -> None:
    """0.00 in the main columns where nothing is budgeted; the other columns stay blank."""
    keys = ZERO_COLUMNS.get(table.code)
    for row in table.rows:
        for side, item in row.items.items():
            if not item.name:
                continue
            if side == "income":
                wanted = [c.key for c in table.columns if c.side == "income" and c.role == "amount"]
            elif side is None and keys:
                wanted = list(keys)
            elif table.code == "fixed_assets":
                wanted = [table.columns[2].key]
            else:
                continue
            zero_fill(item, wanted)


def zero_fill(item: Item, keys: list[str]) -> None:
    for key in keys:
        item.amounts.setdefault(key, ZERO)


def spaced_title_lines(doc: Disclosure) -> list[str]:
    word = "决算" if doc.doc_kind == "final_accounts" else "预算"
    return [
        f"{doc.dept_code} {doc.dept_name}",
        f"{word}年度：{doc.fiscal_year}",
        f"单位：{doc.unit}",
    ]


def lay_out(doc: Disclosure, variant: Variant, rng: random.Random) -> None:
    """Apply ``variant`` (and random page sizes) to every family table of ``doc``."""
    split_done = not variant.split_labels
    for table in doc.tables:
        table.landscape = variant.landscape
        table.repeat_header = variant.repeat_header
        most = LANDSCAPE_ROWS if is_landscape(table, doc.unit) else PORTRAIT_ROWS
        if not split_done and table.code in SPLIT_TABLES:
            split_done = split_one_label(table, most, rng)
        if table.rows_per_page is None:
            table.rows_per_page = paginate(len(table.rows), most, rng)
        table.label_words = label_words(len(table.rows_per_page or [0]), variant, rng)
        if variant.wrapped_labels and table.code in WRAP_TABLES:
            wrap_labels(table, rng)
        if variant.unit_line == "mixed" and (table is doc.tables[0] or rng.random() < 0.3):
            table.title_lines = spaced_title_lines(doc)
    for table in doc.all_family_tables():
        if not doc.zero_as_blank:
            print_zeros(table)
        if variant.landscape and table.code == "fixed_assets":
            table.landscape = True
