"""A set of generated disclosures: several units over consecutive years, each year's document
generated with last year's as ``previous`` so year-over-year figures chain correctly."""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import cycle

from .generate import generate_disclosure
from .model import Disclosure
from .variants import PRESETS, Variant

BUREAUS = (
    "教育局",
    "卫生健康局",
    "民政局",
    "人力资源和社会保障局",
    "财政局",
    "农业农村局",
    "住房和城乡建设局",
    "交通运输局",
    "应急管理局",
    "市场监督管理局",
    "文化广电和旅游局",
    "生态环境局",
    "司法局",
    "自然资源和规划局",
    "水利局",
    "科学技术局",
    "退役军人事务局",
)


@dataclass(frozen=True)
class Entry:
    """One file of the set: its stem (``d207_2022_budget``) and the model to print."""

    stem: str
    doc: Disclosure
    variant_name: str


def stem(doc: Disclosure, revision: int = 1) -> str:
    suffix = f"_v{revision}" if revision > 1 else ""
    return f"d{doc.dept_code}_{doc.fiscal_year}_{doc.doc_kind}{suffix}"


def units(rng: random.Random, count: int) -> list[tuple[str, str]]:
    codes = rng.sample(range(101, 999), count)
    names = [rng.choice(BUREAUS) for _ in range(count)]
    return [(str(c), f"正定县{n}") for c, n in zip(codes, names, strict=True)]


def variant_stream(mode: str, rng: random.Random) -> Iterator[tuple[str, Variant]]:
    """(preset name, Variant) per document: every preset in turn, one preset, or random."""
    if mode == "all":
        return cycle(PRESETS.items())
    if mode in PRESETS:
        return cycle([(mode, PRESETS[mode])])
    return iter(lambda: ("random", Variant.random(rng)), None)


def corpus(seed: int, n_units: int, years: list[int], mode: str = "random") -> list[Entry]:
    """Budgets for every unit and year; with ``mode='all'`` every preset appears (given enough
    documents), the first unit also gets a 决算 and its last budget a corrected re-publication."""
    rng = random.Random(f"corpus:{seed}")
    variants = variant_stream(mode, rng)
    extras = mode == "all"
    entries: list[Entry] = []
    for u, (code, name) in enumerate(units(rng, n_units)):
        previous: Disclosure | None = None
        for i, year in enumerate(years):
            label, variant = next(variants)
            doc = generate_disclosure(code, name, year, "budget", seed, variant, previous)
            entries.append(Entry(stem(doc), doc, label))
            if extras and u == 0 and i == 0:
                final = generate_disclosure(
                    code, name, year, "final_accounts", seed, variant, template=doc
                )
                entries.append(Entry(stem(final), final, label))
            if extras and u == 0 and i == len(years) - 1:
                v2 = generate_disclosure(
                    code, name, year, "budget", seed, variant, previous, revision=2
                )
                entries.append(Entry(stem(v2, 2), v2, label))
            previous = doc
    return entries
