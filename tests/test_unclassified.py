"""An unclassified table (a ruled table outside the family) is loaded, never checked."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import REFERENCE_PDF

from pipelines.accuracy import read_truth_facts
from pipelines.schema import facts_frame
from pipelines.validate.run import validate_document


@pytest.mark.slow
def test_unclassified_rows_raise_no_check():
    """The reference facts plus an unclassified table whose rows look like family rows
    (a 合计 that is not the sum, codes whose parents don't add up) validate exactly as
    the reference alone."""
    reference = read_truth_facts(REFERENCE_PDF.with_suffix(".facts.csv"))
    odd = [
        {
            "table_code": "unclassified",
            "page": 30,
            "item_name": name,
            "item_code": code,
            "column_name": column,
            "amount_wan": amount,
        }
        for name, code, column, amount in [
            ("合计", None, "合计", "999.00"),
            ("社会保障和就业支出", "208", "合计", "5.00"),
            ("行政事业单位养老支出", "20805", "合计", "7.00"),
            ("收入总计", None, "预算数", "1.00"),
        ]
    ]

    with_odd = pd.concat([reference, facts_frame(odd)], ignore_index=True)
    base = validate_document(reference)
    both = validate_document(with_odd)
    assert len(both) == len(base)
    assert (both["success"].to_numpy() == base["success"].to_numpy()).all()
    assert "unclassified" not in set(both["table_code"].dropna())
