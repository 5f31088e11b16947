"""Ground truth of a rendered disclosure, derived from the model it was printed from."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pandas as pd

from pipelines.schema import NARRATIVE_DTYPES, TWO_SIDED_TABLES, facts_frame

from .model import Column, Disclosure, FamilyTable, Item

TRUTH_COLUMNS = [
    "table_code",
    "page",
    "row_no",
    "side",
    "item_code",
    "item_name",
    "column_name",
    "column_group",
    "amount_wan",
]


def squash(text: str) -> str:
    return "".join(text.split())


def cell_value(col: Column, item: Item | None) -> Decimal | None:
    """The printed number of a cell: an amount in 万元, or a count (数量) as printed."""
    if item is None:
        return None
    if col.role == "amount":
        return item.amounts.get(col.key)
    if col.role == "count" and item.texts.get(col.key):
        return Decimal(item.texts[col.key])
    return None


def table_facts(table: FamilyTable) -> list[dict[str, Any]]:
    records = []
    for index, row in enumerate(table.rows):
        for col in table.columns:
            item = row.items.get(col.side)
            value = cell_value(col, item)
            if value is None:
                continue
            group = None if table.code in TWO_SIDED_TABLES or not col.group else squash(col.group)
            records.append(
                {
                    "table_code": table.code,
                    "page": table.row_pages.get(index),
                    "row_no": row.row_no,
                    "side": col.side,
                    "item_code": item.code,
                    "item_name": squash(item.name),
                    "column_name": col.truth_name,
                    "column_group": group,
                    "amount_wan": value,
                }
            )
    return records


def truth_facts(doc: Disclosure) -> pd.DataFrame:
    """Every non-blank amount cell of every family table, in the tidy fact shape."""
    records = [r for t in doc.all_family_tables() for r in table_facts(t)]
    for r in records:
        r.update(document_id="", dept_code=doc.dept_code, fiscal_year=doc.fiscal_year)
    return facts_frame(records)


def truth_narrative(doc: Disclosure) -> pd.DataFrame:
    """The narrative's stated figures in the shape the extractor returns (``NARRATIVE_DTYPES``),
    so ground truth can go through validation exactly as an extracted document does."""
    rows = [
        {
            "fact_key": f["fact_key"],
            "amount_wan": Decimal(f["amount_wan"]) if "amount_wan" in f else None,
            "value": f.get("value"),
            "unit": "%" if "value" in f else "万元",
            "source_sentence": f["sentence"],
            "page": None,
        }
        for f in doc.narrative_facts
    ]
    frame = pd.DataFrame(rows, columns=list(NARRATIVE_DTYPES))
    return frame.astype(NARRATIVE_DTYPES)


def truth_summary(doc: Disclosure) -> dict[str, Any]:
    """Document-level truth: title-block facts, which tables exist, the target tables, and
    (when known) the narrative's stated figures and how the document was generated."""
    summary = {
        "dept_code": doc.dept_code,
        "dept_name": doc.dept_name,
        "fiscal_year": doc.fiscal_year,
        "doc_kind": doc.doc_kind,
        "unit": doc.unit,
        "tables": {
            t.code: {"first_page": getattr(t, "first_page", None), "rows": len(t.rows)}
            for t in doc.all_family_tables()
        },
        "performance_targets": [
            {
                "seq": t.seq,
                "project_name": t.project_name,
                "goal_text": t.goal_text,
                "page": t.page,
                "indicators": [vars(i) for i in t.indicators],
            }
            for t in doc.target_tables()
        ],
    }
    if doc.narrative_facts:
        summary["narrative_facts"] = doc.narrative_facts
    if doc.provenance:
        summary["provenance"] = doc.provenance
    return summary


def write_truth(doc: Disclosure, pdf: Path) -> tuple[Path, Path]:
    """``<stem>.facts.csv`` (cell by cell) and ``<stem>.truth.json`` beside the PDF."""
    facts_path = pdf.with_suffix(".facts.csv")
    summary_path = pdf.with_suffix(".truth.json")
    truth_facts(doc)[TRUTH_COLUMNS].to_csv(facts_path, index=False)
    summary_path.write_text(
        json.dumps(truth_summary(doc), ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    return facts_path, summary_path
