"""Cell-by-cell comparison of extracted facts with ground truth: recall and precision.

A fact counts as correct only if every compared field matches: where it is (table, side, row,
code, label, column, group, page) and what it says (the exact amount). Ground truth is a
``<name>.facts.csv`` beside the PDF, read by :func:`read_truth_facts`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from pipelines.schema import facts_frame

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


def read_truth_facts(path: Path) -> pd.DataFrame:
    """Read a ``.facts.csv`` ground truth with the contract's dtypes (amounts exact).

    Its columns are the fact columns that locate a cell and its amount (``table_code``, ``page``,
    ``row_no``, ``side``, ``item_code``, ``item_name``, ``column_name``, ``column_group``,
    ``amount_wan``); empty fields are missing values.
    """
    raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    records = [
        {
            **{k: (v or None) for k, v in row.items()},
            "document_id": "",
            "dept_code": None,
            "fiscal_year": None,
        }
        for row in raw.to_dict("records")
    ]
    return facts_frame(records).drop(columns=["document_id", "dept_code", "fiscal_year"])
