"""Format variants of a disclosure: each flag is a way real offices print the same tables.

A variant changes only how a document is printed, never its numbers, so the same seed with
two variants gives two PDFs with the same facts (in 万元) and different layouts.
"""

from __future__ import annotations

import random
from dataclasses import asdict, dataclass, replace
from typing import Any, Literal

TitleStyle = Literal[
    "prefix", "year", "bare"
]  # 部门预算收支总表 | 2023年部门预算收支总表 | 收支总表
UnitLine = Literal["mixed", "spaced", "joined"]  # '323 名称' and '323名称' mixed as in the seed
LabelWord = Literal["mixed", "栏次", "档次"]


@dataclass(frozen=True)
class Variant:
    """How one document is printed (defaults: the seed's format)."""

    unit: Literal["万元", "元"] = "万元"  # 元: amounts × 10,000 with thousands separators
    title_style: TitleStyle = "prefix"
    landscape: bool = False  # every family table on landscape pages
    print_zeros: bool = False  # 0.00 printed in the main columns, other cells left blank
    repeat_header: bool = True  # False: continuation pages start straight with body rows
    with_toc: bool = True  # a 目录 page with dot leaders in front
    interlude: bool = False  # an explanatory page between tables 5 and 6
    unit_line: UnitLine = "mixed"
    label_word: LabelWord = "mixed"
    split_labels: bool = True  # a label cut by a page break, its tail atop the next page
    wrapped_labels: bool = True  # long labels printed with a wrap space
    fund_title: Literal["政府性基金", "政府基金"] = "政府基金"  # the seed prints 政府基金…

    def __post_init__(self) -> None:
        if self.unit not in ("万元", "元"):
            raise ValueError(f"unknown unit {self.unit!r}")
        if self.title_style not in ("prefix", "year", "bare"):
            raise ValueError(f"unknown title style {self.title_style!r}")

    def flags(self) -> dict[str, Any]:
        return asdict(self)

    @staticmethod
    def random(rng: random.Random) -> Variant:
        """A random mix of flags, for corpora that should look like many offices at once."""
        return Variant(
            unit=rng.choice(["万元", "万元", "万元", "元"]),
            title_style=rng.choice(["prefix", "prefix", "year", "bare"]),
            landscape=rng.random() < 0.2,
            print_zeros=rng.random() < 0.3,
            repeat_header=rng.random() < 0.8,
            with_toc=rng.random() < 0.7,
            interlude=rng.random() < 0.2,
            unit_line=rng.choice(["mixed", "spaced", "joined"]),
            label_word=rng.choice(["mixed", "栏次", "档次"]),
            split_labels=rng.random() < 0.5,
            wrapped_labels=rng.random() < 0.7,
            fund_title=rng.choice(["政府性基金", "政府基金"]),
        )


SEED_LIKE = Variant()
# One preset per quirk, so a corpus made with ``--variants all`` shows each at least once.
PRESETS: dict[str, Variant] = {
    "seed_like": SEED_LIKE,
    "yuan": replace(SEED_LIKE, unit="元", unit_line="spaced"),
    "year_titles": replace(SEED_LIKE, title_style="year", label_word="栏次"),
    "bare_titles": replace(SEED_LIKE, title_style="bare", fund_title="政府性基金"),
    "landscape": replace(SEED_LIKE, landscape=True, label_word="档次"),
    "zeros": replace(SEED_LIKE, print_zeros=True, unit_line="joined"),
    "bare_continuation": replace(SEED_LIKE, repeat_header=False),
    "no_toc": replace(SEED_LIKE, with_toc=False, split_labels=False),
    "interlude": replace(SEED_LIKE, interlude=True, wrapped_labels=False),
}
