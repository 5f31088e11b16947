"""Command line: ingest PDFs into a warehouse by materializing the Dagster assets in-process.

python -m pipelines ingest PDF_OR_DIR... [--warehouse data/warehouse.duckdb]
python -m pipelines accuracy PDF...   (compare with the .facts.csv ground truth beside each)
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from pathlib import Path

import dagster as dg
import duckdb

from pipelines.defs import assets
from pipelines.defs.constants import DEFAULT_WAREHOUSE
from pipelines.defs.partitions import document_partition
from pipelines.defs.resources import InboxResource, WarehouseResource
from pipelines.extract.document import file_sha256
from pipelines.manifest import ManifestError, read_manifest
from pipelines.warehouse import load_sql

# Dagster's own console logger is chatty at DEBUG; the command line prints one line per file.
QUIET_RUN = {"loggers": {"console": {"config": {"log_level": "CRITICAL"}}}}
DOCUMENT_ASSETS = [
    assets.inbox_pdfs,
    assets.extracted_tables,
    assets.tidy_frames,
    assets.warehouse_document,
]


def collect_pdfs(targets: list[str]) -> list[Path]:
    """Files as given (any extension: a non-PDF is quarantined), folders' *.pdf sorted."""
    found: list[Path] = []
    for target in map(Path, targets):
        if target.is_dir():
            found += sorted(p for p in target.iterdir() if p.suffix.lower() == ".pdf")
        elif target.exists():
            found.append(target)
        else:
            print(f"warning: {target} does not exist, skipped", file=sys.stderr)
    return found


def report(warehouse: Path, path: Path) -> dict:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        row = con.execute(
            load_sql("core/select_document_report.sql"), {"document_id": file_sha256(path)}
        ).df()
    return row.iloc[0].to_dict() if len(row) else {"status": "failed", "error": "no record"}


def describe(info: dict, outcome: str) -> str:
    if info["status"] == "quarantined":
        return f"QUARANTINED: {info['error']}"
    if info["status"] == "failed":
        return "FAILED (see the log above)"
    checks = f"{info['failed_errors']} failed checks, {info['failed_warnings']} warnings"
    return (
        f"{outcome} {info['unit_key']}/{info['fiscal_year']}/{info['doc_kind']}: "
        f"{info['facts']} facts, {checks}"
    )


def ingest_one(
    instance: dg.DagsterInstance, path: Path, warehouse: Path, manifest: str = ""
) -> tuple[str, dict]:
    instance.add_dynamic_partitions(document_partition.name, [path.name])
    result = dg.materialize(
        DOCUMENT_ASSETS,
        partition_key=path.name,
        instance=instance,
        resources={
            "inbox": InboxResource(path=str(path.parent.resolve()), manifest=manifest),
            "warehouse": WarehouseResource(path=str(warehouse)),
        },
        raise_on_error=False,
        run_config=QUIET_RUN,
    )
    if not result.success:
        return "failed", report(warehouse, path)
    loads = [
        e.materialization.metadata["status"].value
        for e in result.get_asset_materialization_events()
        if e.asset_key == dg.AssetKey("warehouse_document")
    ]
    # No load at all: extracted_tables found these bytes in the warehouse and skipped the run.
    return str(loads[0]) if loads else "unchanged", report(warehouse, path)


def refresh_marts(instance: dg.DagsterInstance, warehouse: Path) -> bool:
    resources = {"warehouse": WarehouseResource(path=str(warehouse))}
    result = dg.materialize(
        [assets.warehouse_marts],
        instance=instance,
        raise_on_error=False,
        resources=resources,
        run_config=QUIET_RUN,
    )
    return result.success


def cmd_ingest(args: argparse.Namespace) -> int:
    pdfs = collect_pdfs(args.targets)
    if not pdfs:
        print("nothing to ingest: no PDF files found", file=sys.stderr)
        return 2
    warehouse = Path(args.warehouse)
    manifest = str(Path(args.manifest).resolve()) if args.manifest else ""
    try:
        stated = read_manifest(manifest)
    except ManifestError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    unknown = sorted(set(stated) - {p.name for p in pdfs})
    if unknown:
        print(f"note: the manifest names files not in this batch: {', '.join(unknown)}")
    tally: dict[str, int] = {}
    started = time.perf_counter()
    with dg.DagsterInstance.ephemeral() as instance:
        for n, path in enumerate(pdfs, start=1):
            clock = time.perf_counter()
            outcome, info = ingest_one(instance, path, warehouse, manifest)
            state = info["status"] if info["status"] == "quarantined" else outcome
            tally[state] = tally.get(state, 0) + 1
            seconds = time.perf_counter() - clock
            print(
                f"[{n}/{len(pdfs)}] {path.name}: {describe(info, outcome)} ({seconds:.1f} s)",
                flush=True,
            )
        marts_ok = refresh_marts(instance, warehouse)
    elapsed = time.perf_counter() - started
    summary = ", ".join(f"{k} {v}" for k, v in sorted(tally.items()))
    print(f"{len(pdfs)} documents in {elapsed:.1f} s: {summary}; warehouse {warehouse}")
    bad = sum(v for k, v in tally.items() if k not in ("loaded", "unchanged"))
    return 0 if bad == 0 and marts_ok else 1


def cmd_accuracy(args: argparse.Namespace) -> int:
    from pipelines.accuracy import compare, read_truth_facts
    from pipelines.ingest import extract_frames

    worst = 1.0
    for path in map(Path, args.pdfs):
        frames = extract_frames(path)
        acc = compare(frames.facts, read_truth_facts(path.with_suffix(".facts.csv")))
        worst = min(worst, acc.recall, acc.precision)
        print(f"{path.name}: {acc.summary()}")
    return 0 if worst == 1.0 else 1


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m pipelines",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = p.add_subparsers(dest="command", required=True)
    ingest = sub.add_parser("ingest", help="extract, validate and load PDFs into DuckDB")
    ingest.add_argument("targets", nargs="+", metavar="PDF_OR_DIR")
    ingest.add_argument("--warehouse", default=str(DEFAULT_WAREHOUSE), metavar="PATH.duckdb")
    ingest.add_argument(
        "--manifest",
        metavar="FILE.csv",
        help="identities the PDFs cannot state (columns file,unit_code,unit_name,year,kind); "
        "a row wins over what its PDF prints",
    )
    ingest.set_defaults(func=cmd_ingest)
    accuracy = sub.add_parser("accuracy", help="cell-level recall/precision vs .facts.csv")
    accuracy.add_argument("pdfs", nargs="+", metavar="PDF")
    accuracy.set_defaults(func=cmd_accuracy)
    return p


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    args = parser().parse_args(argv)
    return args.func(args)
