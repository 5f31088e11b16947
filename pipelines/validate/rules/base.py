"""What a rule sees of one document: its facts, its narrative, last year's facts."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pandas as pd

from ..identity import Identity, plus
from ..sheet import ZERO, Row, Sheet, to_decimal

PRINTED_AMOUNT = re.compile(r"(\d{1,3}(?:[,，]\d{3})+|\d+)(?:\.(\d+))?\s*(万元|亿元|元)")
UNIT_IN_WAN = {"万元": Decimal(1), "亿元": Decimal(10000), "元": Decimal("0.0001")}
UNIT_PLACES = {"万元": 0, "亿元": -4, "元": 4}


@dataclass(frozen=True)
class NarrativeFigure:
    """One figure stated in the 情况说明 text (amount in 万元, or a value such as a percent)."""

    fact_key: str
    amount: Decimal
    sentence: str | None = None

    def places(self) -> int | None:
        """The 万元 decimal places the sentence prints this figure with ('40,870万元' → 0,
        '1.2亿元' → −3, '1,200,000元' → 4); None when it cannot be told."""
        for match in PRINTED_AMOUNT.finditer(self.sentence or ""):
            whole, decimals, unit = match.groups()
            value = Decimal(whole.replace(",", "") + (f".{decimals}" if decimals else ""))
            if value * UNIT_IN_WAN[unit] == self.amount:
                return len(decimals or "") + UNIT_PLACES[unit]
        return None


@dataclass(frozen=True)
class Inputs:
    """One document as the rules see it; ``previous`` is last year's document when known."""

    sheet: Sheet
    narrative: tuple[NarrativeFigure, ...] = ()
    previous: Sheet | None = None
    # printings the document's identity overrode (core.documents.identity_notes)
    identity_notes: tuple[dict[str, Any], ...] = ()
    partner: Sheet | None = None  # the disclosure's tables file, for a narrative-only file
    # what a reader notices about the whole document (core.documents.document_notes)
    document_notes: tuple[dict[str, Any], ...] = ()

    @property
    def tables(self) -> Sheet | None:
        """What the narrative's figures are checked against: this file's tables, else its
        partner's; None for a narrative whose tables have not arrived (nothing to check)."""
        return self.sheet if self.sheet.table_codes() else self.partner

    def printed_tables(self) -> set[str]:
        """The tables the narrative can be held against: those with figures, and (in this
        file) those printed blank, which show 0 for whatever the narrative states of them."""
        if self.tables is None:
            return set()
        notes = self.document_notes if self.tables is self.sheet else ()
        blank = {str(n["table_code"]) for n in notes if n.get("kind") == "blank_table"}
        return set(self.tables.table_codes()) | blank

    def stated(self, fact_key: str) -> list[NarrativeFigure]:
        """Every statement of ``fact_key`` in the narrative (usually one, maybe none)."""
        return [f for f in self.narrative if f.fact_key == fact_key]


def narrative_figures(narrative: pd.DataFrame | None) -> tuple[NarrativeFigure, ...]:
    """Narrative rows with a figure: ``amount_wan`` when given, else ``value`` (e.g. −15 %)."""
    if narrative is None or not len(narrative):
        return ()
    figures = []
    for row in narrative.to_dict("records"):
        amount = to_decimal(row.get("amount_wan"))
        if amount is None:
            amount = to_decimal(row.get("value"))
        if amount is not None and row.get("fact_key"):
            sentence = row.get("source_sentence")
            figures.append(NarrativeFigure(str(row["fact_key"]), amount, _opt(sentence)))
    return tuple(figures)


def _opt(value: object) -> str | None:
    return None if value is None or pd.isna(value) else str(value)


def sum_identity(
    table: str, total: Row | None, parts: Iterable[Row], column: str, relation: str, label: str
) -> Identity:
    """``total[column]`` = Σ ``parts[column]``; a missing total row reads 0 under ``label``."""
    present = [p for p in parts if column in p.amounts]
    expected = sum((p.amount(column) for p in present), ZERO)
    observed = total.amount(column) if total else ZERO
    key = total.key(column) if total else f"{label} | {column}"
    return Identity(table, key, expected, observed, len(present), relation)


def sum_relation(total: str, parts: Iterable[str]) -> str:
    return f"{total} = {plus(parts)}"
