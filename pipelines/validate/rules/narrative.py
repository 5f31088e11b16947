"""Figures stated in the 情况说明 text must equal the tables they summarise."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..identity import Identity
from ..locate import Locator
from .base import Inputs


def narrative_matches_tables(inputs: Inputs, params: Mapping[str, Any]) -> list[Identity]:
    """Each stated figure whose key the suite maps to a table cell equals that cell.

    The instance is keyed by the narrative's ``fact_key`` (that is what is wrong when a figure
    is off); the relation names the table cell it was compared with. A narrative-only file
    is checked against its disclosure's tables file when that is in (``Inputs.tables``).
    """
    tables = inputs.tables
    if tables is None:
        return []
    out = []
    for fact_key, spec in params["facts"].items():
        locator = Locator.parse(spec)
        expected, where = locator.figure(tables)
        for figure in inputs.stated(fact_key):
            relation = f"narrative {fact_key} = {locator.describe()} ({where})"
            out.append(Identity(locator.table, fact_key, expected, figure.amount, 1, relation))
    return out
