"""Which functional codes (类/款/项) a generated unit spends on.

A unit's tree carries over from year to year (``template``: last year's or a sibling document),
so year-over-year comparisons by functional class have something to compare.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from . import catalog as cat
from .model import Disclosure


@dataclass
class FunctionalTree:
    names: dict[str, str]  # every code (类, 款, 项) → name
    leaves: list[str] = field(default_factory=list)  # 项 codes, sorted
    fund: set[str] = field(default_factory=set)  # leaves paid from government funds
    basic: set[str] = field(default_factory=set)  # leaves that carry 基本支出

    def classes(self) -> set[str]:
        return {leaf[:3] for leaf in self.leaves}

    def add(self, leaf: str, name: str | None = None) -> None:
        if leaf in self.leaves:
            return
        for code in (leaf[:3], leaf[:5], leaf):
            self.names.setdefault(code, cat.FUNCTIONAL_NAMES.get(code, name or code))
        self.leaves = sorted([*self.leaves, leaf])
        if leaf[:5] in cat.FUND_KUAN:
            self.fund.add(leaf)
        elif self.names[leaf] in cat.BASIC_LEAF_NAMES or leaf[:5] in cat.BASIC_LEAF_KUAN:
            self.basic.add(leaf)


def tree_from(doc: Disclosure) -> FunctionalTree:
    """The codes a document already prints: table 3 rows, table 7 leaves, 基本支出 leaves."""
    tables = {t.code: t for t in doc.tables}
    tree = FunctionalTree(names={})
    fund_rows = tables["gov_fund_expenditure"].rows
    fund = {r.items[None].code for r in fund_rows if r.items[None].code}
    for row in tables["expenditure_summary"].rows:
        item = row.items[None]
        if item.code:
            tree.names[item.code] = item.name
        if item.code and len(item.code) == 7:
            tree.leaves.append(item.code)
            if item.code in fund:
                tree.fund.add(item.code)
            elif item.amounts.get("基本支出"):
                tree.basic.add(item.code)
    tree.leaves.sort()
    return tree


def add_kuan(tree: FunctionalTree, kuan: str, rng: random.Random) -> None:
    cls = kuan[:3]
    leaves = cat.FUNCTIONAL_TREE[cls][kuan]
    if kuan in cat.FUND_KUAN:
        chosen = rng.sample(leaves, rng.randint(1, min(2, len(leaves))))
    elif kuan in cat.BASIC_LEAF_KUAN:
        chosen = rng.sample(leaves, rng.randint(1, min(3, len(leaves))))
    else:  # the unit's own line of work: its running costs plus one or two projects
        others = list(leaves[1:])
        chosen = [leaves[0], *rng.sample(others, min(len(others), rng.randint(1, 2)))]
    for leaf in chosen:
        tree.add(leaf)


def choose_tree(rng: random.Random, template: Disclosure | None = None) -> FunctionalTree:
    """3–6 classes: the template's codes (if any), the unit's line of work, personnel classes
    (pensions, medical, housing fund) and, for some units, a government-fund class."""
    tree = tree_from(template) if template else FunctionalTree(names={})
    wanted = rng.randint(3, 6)
    if not template:
        add_kuan(tree, rng.choice(cat.MAIN_KUAN), rng)
        if rng.random() < 0.45:
            add_kuan(tree, rng.choice(sorted(cat.FUND_KUAN)), rng)
    if not tree.basic:
        add_kuan(tree, rng.choice(cat.MAIN_KUAN), rng)
    pool = list(cat.PERSONNEL_KUAN.values())
    rng.shuffle(pool)
    pool += rng.sample(cat.MAIN_KUAN, len(cat.MAIN_KUAN))
    for kuan in pool:
        if len(tree.classes()) >= wanted:
            break
        if not any(leaf.startswith(kuan) for leaf in tree.leaves):
            add_kuan(tree, kuan, rng)
    return tree
