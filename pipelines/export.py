"""Open-data export: the marts and the facts of current documents as Parquet, CSV or a
Fiscal Data Package (CSV files + datapackage.json with the fiscal model).

python -m pipelines export --format parquet|csv|fdp OUT/ [--warehouse W]

Reads the published snapshot when there is one (``<warehouse>.snapshot.duckdb``), so an
export never waits for, or blocks, an ingest holding the warehouse.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import duckdb

from pipelines.defs.constants import DEFAULT_WAREHOUSE
from pipelines.warehouse.comments import contract_objects
from pipelines.warehouse.publish import snapshot_path
from pipelines.warehouse.sql_files import sql_names

FORMATS = ("parquet", "csv", "fdp")
FACTS = "fact_line_items"  # resource name of core.current_fact_line_items


def relations() -> dict[str, str]:
    """Resource name → relation: every mart view (one per sql/mart file) and current facts."""
    marts = {Path(name).stem: f"mart.{Path(name).stem}" for name in sql_names("mart")}
    return marts | {FACTS: "core.current_fact_line_items"}


def readable_copy(warehouse: Path) -> Path:
    snapshot = snapshot_path(warehouse)
    return snapshot if snapshot.exists() else warehouse


def export(warehouse: Path, out: Path, fmt: str) -> dict[str, int]:
    """Write one file per resource into ``out``; return the row count of each."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    out.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    fields: dict[str, list[dict]] = {}
    with duckdb.connect(str(readable_copy(warehouse)), read_only=True) as con:
        for name, relation in relations().items():
            rel = con.table(relation)
            if fmt == "parquet":
                rel.write_parquet(str(out / f"{name}.parquet"))
            else:
                rel.write_csv(str(out / f"{name}.csv"), header=True)
            counts[name] = rel.count("*").fetchall()[0][0]
            fields[name] = table_schema_fields(relation, rel.columns, rel.types)
    if fmt == "fdp":
        package = datapackage(fields)
        text = json.dumps(package, ensure_ascii=False, indent=2)
        (out / "datapackage.json").write_text(text + "\n", encoding="utf-8")
    return counts


def table_schema_type(duckdb_type: str) -> str:
    """Frictionless Table Schema type of a DuckDB column type."""
    t = duckdb_type.upper()
    if t.endswith("]") or t.startswith("STRUCT"):
        return "array" if t.endswith("]") else "object"
    for prefix, kind in TYPE_PREFIXES:
        if t.startswith(prefix):
            return kind
    return "string"


TYPE_PREFIXES = (
    ("DECIMAL", "number"),
    ("DOUBLE", "number"),
    ("FLOAT", "number"),
    ("BIGINT", "integer"),
    ("INTEGER", "integer"),
    ("SMALLINT", "integer"),
    ("BOOLEAN", "boolean"),
    ("TIMESTAMP", "datetime"),
    ("DATE", "date"),
    ("JSON", "object"),
)


def table_schema_fields(relation: str, columns: list[str], types: list) -> list[dict]:
    """Fields with their type and the contract's meaning as description."""
    schema, name = relation.split(".")
    meanings = next(
        (o.columns for o in contract_objects() if (o.schema, o.name) == (schema, name)), {}
    )
    return [
        {"name": column, "type": table_schema_type(str(kind)), "format": "any"}
        | ({"description": meanings[column]} if column in meanings else {})
        for column, kind in zip(columns, types, strict=True)
    ]


def datapackage(fields: dict[str, list[dict]]) -> dict:
    """A Fiscal Data Package descriptor: CSV resources plus the fiscal model of the facts.

    The model (measures and dimensions, FDP 0.3) describes ``fact_line_items``: one amount
    per cell of a disclosure table, in 万元 (factor 10000 to yuan), by unit, year, document
    kind, table, classification code and column.
    """
    resources = [
        {
            "name": name,
            "path": f"{name}.csv",
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "schema": {"fields": resource_fields},
        }
        for name, resource_fields in fields.items()
    ]
    return {
        "profile": "fiscal-data-package",
        "name": "china-budget-disclosures",
        "title": "Chinese government unit budget and final-accounts disclosures (部门预算/决算)",
        "description": "Every number of every table of the current disclosure documents, in "
        "万元, and the analyst marts built on them (docs/warehouse-contract.md).",
        "countryCode": "CN",
        "resources": resources,
        "model": FISCAL_MODEL,
    }


def attributes(*columns: str) -> dict:
    return {column: {"source": column, "resource": FACTS} for column in columns}


FISCAL_MODEL = {
    "measures": {
        "amount": {
            "source": "amount_wan",
            "resource": FACTS,
            "title": "Amount (万元)",
            "currency": "CNY",
            "factor": 10000,
        }
    },
    "dimensions": {
        "administrative_classification": {
            "dimensionType": "classification",
            "classificationType": "administrative",
            "attributes": attributes("unit_key", "dept_code", "dept_name"),
            "primaryKey": ["unit_key"],
        },
        "date": {
            "dimensionType": "datetime",
            "attributes": attributes("fiscal_year"),
            "primaryKey": ["fiscal_year"],
        },
        "phase": {
            "dimensionType": "other",
            "title": "budget (proposed) or final_accounts (executed)",
            "attributes": attributes("doc_kind"),
            "primaryKey": ["doc_kind"],
        },
        "classification": {
            "dimensionType": "classification",
            "classificationType": "functional or economic, by table",
            "attributes": attributes("table_code", "item_code", "item_name", "side"),
            "primaryKey": ["table_code", "item_code", "item_name", "side"],
        },
        "column": {
            "dimensionType": "other",
            "attributes": attributes("column_group", "column_name"),
            "primaryKey": ["column_group", "column_name"],
        },
        "source": {
            "dimensionType": "other",
            "attributes": attributes("document_id", "page", "fact_id"),
            "primaryKey": ["fact_id"],
        },
    },
}


def add_parser(sub: argparse._SubParsersAction) -> None:
    """The ``export`` subcommand (kept here so cli.py needs one line)."""
    p = sub.add_parser("export", help="write the marts and current facts as open data")
    p.add_argument("out", metavar="OUT_DIR")
    p.add_argument("--format", choices=FORMATS, default="parquet")
    p.add_argument("--warehouse", default=str(DEFAULT_WAREHOUSE), metavar="PATH.duckdb")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Print one line per resource written (the command line's output, as cli.py does)."""
    warehouse = Path(args.warehouse)
    if not warehouse.exists():
        print(f"no warehouse at {warehouse}")  # noqa: T201
        return 1
    counts = export(warehouse, Path(args.out), args.format)
    for name, rows in counts.items():
        print(f"{name}: {rows} rows")  # noqa: T201
    print(f"{args.format} export of {readable_copy(warehouse)} written to {args.out}")  # noqa: T201
    return 0
