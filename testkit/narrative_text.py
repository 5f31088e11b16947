"""Sentences that state figures, with a record of each stated figure (the narrative truth).

A paragraph is composed from text and ``Fig`` parts; every ``Fig`` with a key becomes a
``narrative_facts`` entry carrying the exact sentence it was printed in.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from .model import Paragraph
from .money import Cents, wan


@dataclass(frozen=True)
class NumberStyle:
    """How this office prints amounts in prose: '9550万元', '1556.23 万元', '15,562,300.00元'."""

    unit: str = "万元"
    trim: bool = False  # 万元: drop trailing zeros (the seed's '9550万元', '0万元')
    grouped: bool = True  # 元: thousands separators
    space_before: bool = True  # '预算收入 11106.23万元'
    space_unit: bool = False  # '11106.23 万元'
    year_space: bool = False  # '2022 年'
    pct_places: int = 2

    @staticmethod
    def random(unit: str, rng: random.Random) -> NumberStyle:
        return NumberStyle(
            unit=unit,
            trim=rng.random() < 0.4,
            grouped=rng.random() < 0.7,
            space_before=rng.random() < 0.7,
            space_unit=rng.random() < 0.25,
            year_space=rng.random() < 0.3,
            pct_places=rng.choice([0, 1, 2, 2]),
        )

    def number(self, cents: Cents) -> str:
        if self.unit == "元":
            yuan = cents * 100
            return f"{yuan:,}.00" if self.grouped else f"{yuan}.00"
        value = wan(cents)
        return f"{value.normalize():f}" if self.trim else f"{value:.2f}"

    def money(self, cents: Cents) -> str:
        lead = " " if self.space_before else ""
        gap = " " if self.space_unit else ""
        return f"{lead}{self.number(cents)}{gap}{self.unit}"

    def year(self, year: int) -> str:
        return f"{year} 年" if self.year_space else f"{year}年"

    def pct(self, change: Cents, base: Cents) -> Decimal:
        exp = Decimal(1).scaleb(-self.pct_places)
        return (Decimal(change) * 100 / Decimal(base)).quantize(exp, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Fig:
    """A stated figure: an amount (cents of 万元, printed unsigned) or a percentage."""

    key: str | None
    cents: Cents = 0
    pct: Decimal | None = None  # printed unsigned (the text says 增加/减少), recorded signed


@dataclass
class Narrator:
    style: NumberStyle
    facts: list[dict[str, Any]] = field(default_factory=list)

    def render(self, fig: Fig) -> str:
        if fig.pct is not None:
            return f" {abs(fig.pct)}%" if self.style.space_before else f"{abs(fig.pct)}%"
        return self.style.money(abs(fig.cents))

    def para(self, *parts: str | Fig, heading: bool = False) -> Paragraph:
        text, spans = "", []
        for part in parts:
            piece = part if isinstance(part, str) else self.render(part)
            if isinstance(part, Fig) and part.key:
                spans.append((part, len(text), piece))
            text += piece
        for fig, start, piece in spans:
            self.record(fig, sentence_at(text, start), piece)
        return Paragraph(text, heading=heading)

    def record(self, fig: Fig, sentence: str, printed: str) -> None:
        fact: dict[str, Any] = {"fact_key": fig.key}
        if fig.pct is not None:
            fact["value"] = float(fig.pct)
        else:
            fact["amount_wan"] = str(wan(fig.cents))
        fact.update(printed=printed.strip(), sentence=sentence)
        self.facts.append(fact)


def sentence_at(text: str, pos: int) -> str:
    """The 。-delimited sentence of ``text`` around character ``pos``."""
    start = text.rfind("。", 0, pos) + 1
    end = text.find("。", pos)
    return text[start : len(text) if end < 0 else end + 1].strip()
