"""Generate a disclosure that is accounting-consistent by construction.

Numbers come from a ``Plan`` (leaf amounts by source and use), tables are sums over it, the
narrative states figures read from the same plan, and a ``Variant`` decides only the print
format. Three independent random streams (numbers, wording, layout) keyed by the seed and the
document's identity make the output deterministic, and let a re-publication (``revision``)
change one figure while everything else stays as it was.
"""

from __future__ import annotations

import random
from decimal import Decimal
from typing import Literal

from .layout import lay_out
from .model import Disclosure, Paragraph
from .money import cents_of
from .narrative_sections import Context, narrative
from .narrative_text import Narrator, NumberStyle
from .plan import correct, make_plan
from .tables_extra import family_tables, fixed_assets_table, procurement_table, title_prefix
from .targets_text import target_tables
from .variants import SEED_LIKE, Variant

DocKind = Literal["budget", "final_accounts"]
INTERLUDE_AFTER = "general_budget_expenditure"  # an explanatory page between tables 5 and 6


def streams(key: str) -> tuple[random.Random, random.Random, random.Random]:
    """(numbers, wording, layout): string seeds are hashed with SHA-512, stable across runs."""
    return (
        random.Random(f"{key}:plan"),
        random.Random(f"{key}:text"),
        random.Random(f"{key}:layout"),
    )


def interlude(kind: str) -> list[Paragraph]:
    word = "决算" if kind == "final_accounts" else "预算"
    return [
        Paragraph(f"关于一般公共预算财政拨款{word}支出的说明", heading=True),
        Paragraph(
            f"上表反映部门当年一般公共预算财政拨款{word}支出情况，按支出功能分类科目列示到项级"
            "科目。基本支出用于保障机构正常运转、完成日常工作任务，项目支出用于完成特定行政"
            "任务和事业发展目标。下表按部门预算支出经济分类科目列示基本支出的构成。"
        ),
    ]


def generate_disclosure(
    dept_code: str,
    dept_name: str,
    fiscal_year: int,
    doc_kind: DocKind = "budget",
    seed: int = 0,
    variant: Variant = SEED_LIKE,
    previous: Disclosure | None = None,
    *,
    total_wan: Decimal | None = None,
    template: Disclosure | None = None,
    revision: int = 1,
) -> Disclosure:
    """One unit's disclosure for one year.

    ``previous`` is last year's document (its total is what the narrative's year-over-year
    change compares to; without it a previous-year total is invented and may be stated).
    ``template`` (default ``previous``) lends its functional codes so a unit keeps its tree.
    ``total_wan`` fixes 收入总计; ``revision`` > 1 makes a corrected re-publication.
    """
    key = f"{seed}:{dept_code}:{fiscal_year}:{doc_kind}"
    plan_rng, text_rng, layout_rng = streams(key)
    total = cents_of(total_wan) if total_wan is not None else None
    plan = make_plan(plan_rng, template or previous, previous, total)
    for rev in range(2, revision + 1):
        correct(plan, random.Random(f"{key}:revision{rev}"), rev)
    doc = Disclosure(
        dept_code=dept_code,
        dept_name=dept_name,
        fiscal_year=fiscal_year,
        doc_kind=doc_kind,
        unit=variant.unit,
        title_prefix=title_prefix(doc_kind, variant, fiscal_year),
        unit_line_space=variant.unit_line == "spaced",
        tables=family_tables(plan, doc_kind, variant, fiscal_year),
        narrative=[],
        with_toc=variant.with_toc,
        zero_as_blank=not variant.print_zeros,
    )
    narrator = Narrator(NumberStyle.random(variant.unit, text_rng))
    context = Context(dept_name, fiscal_year, doc_kind, plan, narrator, text_rng)
    tables = (
        procurement_table(plan, doc_kind, fiscal_year, doc.unit_line, doc.unit),
        fixed_assets_table(plan, doc_kind, fiscal_year, doc.unit_line, doc.unit),
    )
    doc.narrative = narrative(context, target_tables(plan.projects, text_rng), *tables)
    doc.narrative_facts = narrator.facts
    if variant.interlude:
        doc.interludes[INTERLUDE_AFTER] = list(interlude(doc_kind))
    lay_out(doc, variant, layout_rng)
    doc.provenance = {
        "generator": "testkit.generate",
        "seed": seed,
        "variant": variant.flags(),
        "revision": revision,
        "corrections": plan.corrections,
    }
    return doc
