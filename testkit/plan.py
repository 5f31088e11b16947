"""The numbers of one generated disclosure, before any table is laid out.

Everything is chosen at the level where the identities cannot fail: per 项 leaf, per income
source and per use (基本/项目). Every printed figure is then a sum of these (see
``tables_from_plan``), so parent = Σ children, totals, and cross-table equalities hold by
construction.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field

from . import catalog as cat
from .model import Disclosure
from .money import Cents, allocate, spread, wan
from .plan_extras import (
    FixedAssets,
    ProcurementLine,
    ThreePublic,
    choose_fixed_assets,
    choose_procurement,
    choose_three_public,
)
from .plan_tree import FunctionalTree, choose_tree
from .reading import document_total, three_public_total
from .targets_text import choose_projects

MIN_TOTAL, MAX_TOTAL = 20_000, 3_000_000  # 200.00 … 30000.00 万元, in 0.01 万元


@dataclass
class LeafMoney:
    """One 项 leaf: where its money comes from and how much of it is 基本支出."""

    gen_basic: Cents = 0  # general-budget appropriation spent on running costs
    gen_project: Cents = 0
    fund_project: Cents = 0  # government-fund appropriation (always project spending)
    special: Cents = 0  # 财政专户收入
    business: Cents = 0  # 事业收入
    other: Cents = 0  # 其他收入
    carry: Cents = 0  # 上年结转 (the unit's own funds carried over)
    own_basic: Cents = 0  # the part of the four own sources spent as 基本支出

    @property
    def own(self) -> Cents:
        return self.special + self.business + self.other + self.carry

    @property
    def appropriation(self) -> Cents:
        return self.gen_basic + self.gen_project + self.fund_project

    @property
    def total(self) -> Cents:
        return self.appropriation + self.own

    @property
    def basic(self) -> Cents:
        return self.gen_basic + self.own_basic


@dataclass
class Plan:
    tree: FunctionalTree
    leaves: dict[str, LeafMoney]
    economic: dict[str, Cents]  # 5-digit economic code → general-budget basic spending
    three_public: ThreePublic
    procurement: list[ProcurementLine]
    fixed_assets: FixedAssets
    projects: list[str]  # project names (绩效目标表, 采购, narrative)
    previous_total: Cents  # last year's 收支总计: from ``previous`` or invented
    previous_known: bool
    previous_three_public: Cents
    corrections: list[dict] = field(default_factory=list)

    def sum(self, attr: str) -> Cents:
        return sum(getattr(m, attr) for m in self.leaves.values())

    @property
    def total(self) -> Cents:
        return self.sum("total")

    @property
    def personnel(self) -> Cents:
        return sum(v for c, v in self.economic.items() if c[:3] in cat.PERSONNEL_ECONOMIC)

    @property
    def public_use(self) -> Cents:
        """公用经费 of table 6: the 机关运行经费 the narrative states."""
        return self.sum("gen_basic") - self.personnel


def leaf_weights(tree: FunctionalTree, rng: random.Random) -> list[tuple[str, str, int]]:
    """(leaf, component, weight) for every money cell a leaf may have."""
    sources = [
        s
        for s, p in (("special", 0.3), ("business", 0.5), ("other", 0.5), ("carry", 0.6))
        if rng.random() < p
    ]
    cells = []
    for leaf in tree.leaves:
        if leaf in tree.fund:
            cells.append((leaf, "fund_project", rng.randint(300, 3000)))
            continue
        basic = leaf in tree.basic
        if basic:
            cells.append((leaf, "gen_basic", rng.randint(100, 800)))
        if not basic or rng.random() < 0.3:
            cells.append((leaf, "gen_project", rng.randint(50, 1500)))
        cells += [(leaf, s, rng.randint(10, 150)) for s in sources if rng.random() < 0.5]
    if not any(attr == "gen_project" for _, attr, _ in cells):  # every unit has some projects
        leaf = rng.choice([leaf for leaf in tree.leaves if leaf not in tree.fund])
        cells.append((leaf, "gen_project", rng.randint(50, 1500)))
    return cells


def choose_leaves(tree: FunctionalTree, total: Cents, rng: random.Random) -> dict[str, LeafMoney]:
    cells = leaf_weights(tree, rng)
    leaves = {leaf: LeafMoney() for leaf in tree.leaves}
    for (leaf, attr, _), value in zip(cells, allocate(total, [w for *_, w in cells]), strict=True):
        setattr(leaves[leaf], attr, value)
    for leaf, money in leaves.items():
        if leaf in tree.basic and money.own:
            money.own_basic = money.own * rng.randint(0, 100) // 100
    return leaves


def choose_economic(basic: Cents, rng: random.Random) -> dict[str, Cents]:
    """Split general-budget basic spending into 人员经费 (301, 303) and 公用经费 (302) lines."""
    lines = {
        k: [c for c, _ in v if c in cat.ECONOMIC_ALWAYS or rng.random() < 0.45]
        for k, v in cat.ECONOMIC_LINES.items()
    }
    if rng.random() < 0.4:
        lines["303"] = []
    personnel = 0 if basic < 500 else basic * rng.randint(55, 88) // 100
    personnel_codes = lines["301"] + lines["303"]
    public_codes = lines["302"]
    weights = [rng.randint(20, 300) for _ in personnel_codes]
    out = dict(zip(personnel_codes, allocate(personnel, weights), strict=True))
    out |= dict(zip(public_codes, spread(basic - personnel, len(public_codes), rng), strict=True))
    return {c: v for c, v in sorted(out.items()) if v}


def random_total(rng: random.Random) -> Cents:
    return round(math.exp(rng.uniform(math.log(MIN_TOTAL), math.log(MAX_TOTAL))))


def invented_previous(total: Cents, rng: random.Random) -> Cents:
    change = rng.choice([-1, 1]) * rng.uniform(0.02, 0.25)
    return round(total / (1 + change))


def make_plan(
    rng: random.Random,
    template: Disclosure | None,
    previous: Disclosure | None,
    total: Cents | None = None,
) -> Plan:
    tree = choose_tree(rng, template)
    if total is None:
        known = previous or template  # a 决算 stays near its budget, a budget near last year
        base = document_total(known) if known else random_total(rng)
        total = round(base * (1 + rng.choice([-1, 1]) * rng.uniform(0.03, 0.25)))
    leaves = choose_leaves(tree, total, rng)
    gen_basic = sum(m.gen_basic for m in leaves.values())
    projects = choose_projects(rng)
    has_fund = bool(tree.fund)
    return Plan(
        tree=tree,
        leaves=leaves,
        economic=choose_economic(gen_basic, rng),
        three_public=choose_three_public(rng),
        procurement=choose_procurement(rng, projects, has_fund),
        fixed_assets=choose_fixed_assets(rng),
        projects=projects,
        previous_total=document_total(previous) if previous else invented_previous(total, rng),
        previous_known=previous is not None,
        previous_three_public=(
            three_public_total(previous) if previous else rng.choice([0, rng.randint(50, 2000)])
        ),
    )


def correct(plan: Plan, rng: random.Random, revision: int) -> None:
    """A re-publication fixes one project amount; every total follows from the leaves."""
    candidates = [c for c, m in plan.leaves.items() if m.gen_project]
    leaf = rng.choice(candidates)
    delta = rng.randint(100, 5000) * rng.choice([-1, 1])
    delta = max(delta, 1 - plan.leaves[leaf].gen_project)
    plan.leaves[leaf].gen_project += delta
    plan.corrections.append(
        {
            "revision": revision,
            "item_code": leaf,
            "column": "项目支出",
            "delta_wan": str(wan(delta)),
        }
    )
