"""Cell-by-cell comparison of extracted facts with ground truth: recall and precision.

A fact counts as correct only if every compared field matches: where it is (table, side, row,
code, label, column, group, page) and what it says (the exact amount).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

COMPARED = [
    "table_code",
    "side",
    "row_no",
    "item_code",
    "item_name",
    "column_name",
    "column_group",
    "page",
    "amount_wan",
]


@dataclass(frozen=True)
class Accuracy:
    truth: int
    extracted: int
    matched: int
    missing: pd.DataFrame  # in truth, not extracted (or extracted differently)
    spurious: pd.DataFrame  # extracted, not in truth

    @property
    def recall(self) -> float:
        return self.matched / self.truth if self.truth else 1.0

    @property
    def precision(self) -> float:
        return self.matched / self.extracted if self.extracted else 1.0

    def summary(self) -> str:
        return (
            f"recall {self.recall:.2%} ({self.matched}/{self.truth}), "
            f"precision {self.precision:.2%} ({self.matched}/{self.extracted})"
        )


def comparable(frame: pd.DataFrame) -> pd.DataFrame:
    """Everything as text ('' for missing) so NA never equals NA by accident or by dtype."""
    out = frame[COMPARED].astype(object).where(frame[COMPARED].notna(), "")
    return out.map(str)


def compare(extracted: pd.DataFrame, truth: pd.DataFrame) -> Accuracy:
    """Multiset comparison: duplicates must be matched one for one."""
    ext, tru = comparable(extracted), comparable(truth)
    ext["_n"] = ext.groupby(COMPARED).cumcount()
    tru["_n"] = tru.groupby(COMPARED).cumcount()
    merged = tru.merge(ext, on=[*COMPARED, "_n"], how="outer", indicator=True)
    matched = int((merged["_merge"] == "both").sum())
    missing = merged[merged["_merge"] == "left_only"][COMPARED]
    spurious = merged[merged["_merge"] == "right_only"][COMPARED]
    return Accuracy(len(tru), len(ext), matched, missing, spurious)
