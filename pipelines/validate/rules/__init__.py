"""Identity rules: each turns a document into the identity instances one check validates.

A rule is a pure function ``(inputs, params) -> list[Identity]``; ``params`` come from the
check's entry in a suite file, so a rule is written once and reused with different tables.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from ..identity import Identity
from .base import Inputs
from .cross_table import rows_match_by_code, same_figure
from .document_identity import printings_agree
from .document_structure import blank_tables_explained, nothing_noticed
from .narrative import narrative_matches_tables
from .within_table import (
    columns_sum_to_total,
    grand_total_equals_year_plus_carryover,
    named_row_equals_parts,
    parent_equals_children,
    total_row_equals_classes,
    two_sided_balance,
    year_total_equals_classes,
    year_total_equals_items_before,
)
from .year_over_year import prev_total_matches_previous, yoy_change_matches, yoy_pct_matches

Rule = Callable[[Inputs, Mapping[str, Any]], list[Identity]]

RULES: dict[str, Rule] = {
    rule.__name__: rule
    for rule in (
        columns_sum_to_total,
        grand_total_equals_year_plus_carryover,
        named_row_equals_parts,
        parent_equals_children,
        total_row_equals_classes,
        two_sided_balance,
        year_total_equals_classes,
        year_total_equals_items_before,
        same_figure,
        rows_match_by_code,
        narrative_matches_tables,
        yoy_change_matches,
        yoy_pct_matches,
        prev_total_matches_previous,
        printings_agree,
        nothing_noticed,
        blank_tables_explained,
    )
}

__all__ = ["RULES", "Inputs", "Rule"]
