"""What a rule sees of one document: its facts, its narrative, last year's facts."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pandas as pd

from ..identity import Identity, plus
from ..sheet import ZERO, Row, Sheet, to_decimal


@dataclass(frozen=True)
class NarrativeFigure:
    """One figure stated in the 情况说明 text (amount in 万元, or a value such as a percent)."""

    fact_key: str
    amount: Decimal
    sentence: str | None = None


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
