"""Command line: ingest PDFs into a warehouse by materializing the Dagster assets in-process.

python -m pipelines ingest PDF_OR_DIR... [--warehouse data/warehouse.duckdb] [--manifest CSV]
python -m pipelines versions UNIT YEAR        (every version of a unit's documents for a year)
python -m pipelines promote DOCUMENT_ID --reason TEXT   (make one version current, recorded)
python -m pipelines accuracy PDF...   (compare with the .facts.csv ground truth beside each)
"""

from __future__ import annotations

import argparse
import getpass
import logging
import os
import sys
import time
from pathlib import Path

import dagster as dg
import duckdb

from pipelines import export
from pipelines.defs import assets
from pipelines.defs.constants import DEFAULT_LOCK_WAIT_S, DEFAULT_WAREHOUSE, LOCK_WAIT_ENV
from pipelines.defs.instance import operator_instance
from pipelines.defs.partitions import document_partition
from pipelines.defs.resources import InboxResource, WarehouseResource
from pipelines.inbox_files import collect
from pipelines.ingest import file_id, revalidate_next_year
from pipelines.manifest import ManifestError, read_manifest
from pipelines.signals import StopOnSignal
from pipelines.warehouse import load_sql
from pipelines.warehouse.lock import WarehouseBusy, connect_waiting
from pipelines.warehouse.versions import list_versions, promote

# Dagster's own console logger is chatty at DEBUG; the command line prints one line per file.
QUIET_RUN = {"loggers": {"console": {"config": {"log_level": "CRITICAL"}}}}
DOCUMENT_ASSETS = [
    assets.inbox_pdfs,
    assets.extracted_tables,
    assets.tidy_frames,
    assets.warehouse_document,
]


def report(warehouse: Path, path: Path, lock_wait_s: float = DEFAULT_LOCK_WAIT_S) -> dict:
    """The document's row for the progress line: waits for another writer's lock like the
    load does, and survives a lock that never frees or a vanished file."""
    try:
        with connect_waiting(warehouse, lock_wait_s) as con:
            row = con.execute(
                load_sql("core/select_document_report.sql"), {"document_id": file_id(path)}
            ).df()
    except (duckdb.Error, WarehouseBusy) as exc:
        return {"status": "failed", "error": f"could not read the warehouse to report: {exc}"}
    return row.iloc[0].to_dict() if len(row) else {"status": "failed", "error": "no record"}


def describe(info: dict, outcome: str) -> str:
    if info["status"] == "quarantined":
        return f"QUARANTINED: {info['error']}"
    if info["status"] == "failed":
        return f"FAILED: {info['error']}"
    checks = f"{info['failed_errors']} failed checks, {info['failed_warnings']} warnings"
    line = (
        f"{outcome} {info['unit_key']}/{info['fiscal_year']}/{info['doc_kind']}: "
        f"{info['facts']} facts, {checks}"
    )
    return line + VERSION_HINTS.get(outcome, "").format(**info)


VERSION_HINTS = {
    "candidate": " — NOT current: it fails error checks the current version passes "
    "(python -m pipelines versions {unit_key} {fiscal_year}; promote it if it is right)",
    "superseded": " — an older publication than the current version, kept as history",
}


def ingest_one(
    instance: dg.DagsterInstance,
    path: Path,
    warehouse: Path,
    manifest: str = "",
    lock_wait_s: float = DEFAULT_LOCK_WAIT_S,
) -> tuple[str, dict]:
    instance.add_dynamic_partitions(document_partition.name, [path.name])
    result = dg.materialize(
        DOCUMENT_ASSETS,
        partition_key=path.name,
        instance=instance,
        resources={
            "inbox": InboxResource(path=str(path.parent.resolve()), manifest=manifest),
            "warehouse": WarehouseResource(path=str(warehouse), lock_wait_s=lock_wait_s),
        },
        raise_on_error=False,
        run_config=QUIET_RUN,
    )
    if not result.success:
        info = report(warehouse, path, lock_wait_s)
        if info["status"] != "quarantined":  # failed before anything could be recorded
            info = {"status": "failed", "error": step_failure(result) or info["error"]}
        return "failed", info
    loads = [
        e.materialization.metadata["status"].value
        for e in result.get_asset_materialization_events()
        if e.asset_key == dg.AssetKey("warehouse_document")
    ]
    # warehouse_document's status: loaded, candidate, superseded, or unchanged (bytes known).
    return str(loads[0]) if loads else "unchanged", report(warehouse, path, lock_wait_s)


def step_failure(result: dg.ExecuteInProcessResult) -> str | None:
    """The message of the run's first failed step (e.g. a warehouse lock that never freed)."""
    for event in result.all_events:
        if event.is_step_failure:
            data = event.step_failure_data
            if data.user_failure_data and data.user_failure_data.description:
                return data.user_failure_data.description
            return data.error.message.strip() if data.error else event.message
    return None


def refresh_marts(
    instance: dg.DagsterInstance, warehouse: Path, lock_wait_s: float = DEFAULT_LOCK_WAIT_S
) -> bool:
    resources = {"warehouse": WarehouseResource(path=str(warehouse), lock_wait_s=lock_wait_s)}
    result = dg.materialize(
        [assets.warehouse_marts],
        instance=instance,
        raise_on_error=False,
        resources=resources,
        run_config=QUIET_RUN,
    )
    return result.success


def cmd_ingest(args: argparse.Namespace) -> int:
    pdfs, skipped = collect(args.targets)
    for odd in skipped:
        print(f"skipped {odd.path}: {odd.reason}", file=sys.stderr)
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
    with StopOnSignal() as stop:
        tally, marts_ok, elapsed = ingest_batch(pdfs, warehouse, manifest, stop, args.lock_wait)
    summary = ", ".join(f"{k} {v}" for k, v in sorted(tally.items()))
    summary += f", skipped {len(skipped)} (see above)" if skipped else ""
    print(f"{len(pdfs)} documents in {elapsed:.1f} s: {summary}; warehouse {warehouse}")
    bad = sum(v for k, v in tally.items() if k not in READABLE_OUTCOMES)
    return 0 if bad == 0 and marts_ok and not skipped and not stop.signal else 1


READABLE_OUTCOMES = ("loaded", "unchanged", "candidate", "superseded")


def ingest_batch(
    pdfs: list[Path], warehouse: Path, manifest: str, stop: StopOnSignal, lock_wait_s: float
) -> tuple[dict[str, int], bool, float]:
    """One document at a time, one progress line each; stops between documents on a signal."""
    tally: dict[str, int] = {}
    started = time.perf_counter()
    with operator_instance() as instance:  # the one `make dev` shows (DAGSTER_HOME)
        for n, path in enumerate(pdfs, start=1):
            if stop.signal:
                print(f"stopped by {stop.signal}: {len(pdfs) - n + 1} documents not started")
                tally["not started"] = len(pdfs) - n + 1
                break
            clock = time.perf_counter()
            outcome, info = ingest_one(instance, path, warehouse, manifest, lock_wait_s)
            state = info["status"] if info["status"] in ("quarantined", "failed") else outcome
            tally[state] = tally.get(state, 0) + 1
            seconds = time.perf_counter() - clock
            print(
                f"[{n}/{len(pdfs)}] {path.name}: {describe(info, outcome)} ({seconds:.1f} s)",
                flush=True,
            )
        marts_ok = refresh_marts(instance, warehouse, lock_wait_s)
    return tally, marts_ok, time.perf_counter() - started


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


def cmd_versions(args: argparse.Namespace) -> int:
    with duckdb.connect(args.warehouse, read_only=True) as con:
        frame = list_versions(con, args.unit, args.year)
    if frame.empty:
        print(f"no versions of unit {args.unit} for {args.year} in {args.warehouse}")
        return 1
    for column in ("document_id", "superseded_by"):
        frame[column] = frame[column].str[:12]
    print(frame.astype(object).where(frame.notna(), "").to_string(index=False))
    return 0


def cmd_promote(args: argparse.Namespace) -> int:
    con = connect_waiting(args.warehouse, args.lock_wait)
    try:
        ids = [r[0] for r in con.execute(
            load_sql("core/select_document_ids_by_prefix.sql"), {"prefix": args.document_id}
        ).fetchall()]  # fmt: skip
        if len(ids) != 1:
            print(f"error: '{args.document_id}' matches {len(ids)} documents", file=sys.stderr)
            return 2
        dropped = promote(con, ids[0], args.by, args.reason)
        revalidate_next_year(con, ids[0])
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    finally:
        con.close()
    replaced = ", ".join(d[:12] for d in dropped) or "nothing (it was current already)"
    print(f"{ids[0][:12]} is now current (pinned by {args.by}: {args.reason}); replaced {replaced}")
    return 0


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
        "--lock-wait",
        type=float,
        default=float(os.environ.get(LOCK_WAIT_ENV) or DEFAULT_LOCK_WAIT_S),
        metavar="SECONDS",
        help="how long to wait for another writer's lock on the warehouse (default %(default)s)",
    )
    ingest.add_argument(
        "--manifest",
        metavar="FILE.csv",
        help="identities the PDFs cannot state (columns file,unit_code,unit_name,year,kind); "
        "a row wins over what its PDF prints",
    )
    ingest.set_defaults(func=cmd_ingest)
    versions = sub.add_parser("versions", help="list the versions of a unit's documents for a year")
    versions.add_argument("unit", metavar="UNIT", help="unit key: the printed code, else the name")
    versions.add_argument("year", type=int, metavar="YEAR")
    versions.add_argument("--warehouse", default=str(DEFAULT_WAREHOUSE), metavar="PATH.duckdb")
    versions.set_defaults(func=cmd_versions)
    promote_cmd = sub.add_parser("promote", help="make one version current (recorded, pinned)")
    promote_cmd.add_argument("document_id", metavar="DOCUMENT_ID", help="its id or a unique prefix")
    promote_cmd.add_argument("--reason", required=True, help="why, for the record")
    promote_cmd.add_argument("--by", default=getpass.getuser(), help="who (default: you)")
    promote_cmd.add_argument("--warehouse", default=str(DEFAULT_WAREHOUSE), metavar="PATH.duckdb")
    promote_cmd.add_argument("--lock-wait", type=float, default=DEFAULT_LOCK_WAIT_S)
    promote_cmd.set_defaults(func=cmd_promote)
    accuracy = sub.add_parser("accuracy", help="cell-level recall/precision vs .facts.csv")
    accuracy.add_argument("pdfs", nargs="+", metavar="PDF")
    accuracy.set_defaults(func=cmd_accuracy)
    export.add_parser(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    args = parser().parse_args(argv)
    return args.func(args)
