"""Command line: ingest PDFs into a warehouse (worker processes read, one writer loads).

python -m pipelines ingest PDF_OR_DIR... [--warehouse data/warehouse.duckdb] [--jobs N]
        [--max-seconds S] [--max-memory-mb MB]    (limits per document: see pipelines/limits.py)
python -m pipelines versions UNIT YEAR        (every version of a unit's documents for a year)
python -m pipelines promote DOCUMENT_ID --reason TEXT   (make one version current, recorded)
python -m pipelines export --format parquet|csv|fdp OUT_DIR
python -m pipelines accuracy PDF...   (compare with the .facts.csv ground truth beside each)
"""

from __future__ import annotations

import argparse
import getpass
import logging
import os
import sys
from pathlib import Path

import duckdb

from pipelines import export
from pipelines.batch import READABLE_OUTCOMES, BatchReport, Settings, ingest_batch
from pipelines.defs.constants import (
    DEFAULT_LOCK_WAIT_S,
    DEFAULT_WAREHOUSE,
    EPHEMERAL_DAGSTER_ENV,
    LOCK_WAIT_ENV,
)
from pipelines.inbox_files import collect
from pipelines.ingest import revalidate_next_year
from pipelines.limits import DEFAULT_MEMORY_MB, DEFAULT_SECONDS, MEMORY_FLAG, SECONDS_FLAG, Limits
from pipelines.manifest import ManifestError, read_manifest
from pipelines.pool import default_jobs
from pipelines.signals import StopOnSignal
from pipelines.warehouse import load_sql
from pipelines.warehouse.lock import connect_waiting
from pipelines.warehouse.marts import refresh_marts
from pipelines.warehouse.publish import publish_snapshot
from pipelines.warehouse.versions import list_versions, promote

log = logging.getLogger(__name__)


def cmd_ingest(args: argparse.Namespace) -> int:
    pdfs, skipped = collect(args.targets)
    for odd in skipped:
        print(f"skipped {odd.path}: {odd.reason}", file=sys.stderr)
    if not pdfs:
        print("nothing to ingest: no PDF files found", file=sys.stderr)
        return 2
    warehouse = Path(args.warehouse)
    try:
        stated = read_manifest(Path(args.manifest).resolve() if args.manifest else None)
    except ManifestError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    unknown = sorted(set(stated) - {p.name for p in pdfs})
    if unknown:
        print(f"note: the manifest names files not in this batch: {', '.join(unknown)}")
    limits = Limits(seconds=args.max_seconds or None, memory_mb=args.max_memory_mb or None)
    settings = Settings(warehouse, stated, max(1, args.jobs), args.lock_wait, limits=limits)
    with StopOnSignal() as stop:
        batch = ingest_batch(pdfs, settings, stop)
    record_in_dagster(batch)
    tally = batch.tally
    summary = ", ".join(f"{k} {v}" for k, v in sorted(tally.items()))
    summary += f", skipped {len(skipped)} (see above)" if skipped else ""
    rate = 60 * len(pdfs) / batch.seconds if batch.seconds else 0
    print(
        f"{len(pdfs)} documents in {batch.seconds:.1f} s ({rate:.1f} documents/min, "
        f"{settings.jobs} workers): {summary}; warehouse {warehouse}"
    )
    bad = sum(v for k, v in tally.items() if k not in READABLE_OUTCOMES)
    return 0 if bad == 0 and batch.marts_ok and not skipped and not stop.signal else 1


def record_in_dagster(batch: BatchReport) -> None:
    """Tell the Dagster instance what was loaded (partitions, check results, marts)."""
    if not batch.changed and not any(d.read for d in batch.done):
        return  # nothing new: keep an unchanged rerun free of Dagster's start-up
    if os.environ.get(EPHEMERAL_DAGSTER_ENV, "") not in ("", "0"):
        return  # asked to record nothing (tests, benchmarks)
    try:
        from pipelines.defs.record import record_batch  # Dagster: imported only when needed

        record_batch(batch.done, marts_refreshed=batch.changed and batch.marts_ok)
    except Exception:  # the warehouse is right either way: say so, do not fail the batch
        log.exception("the batch is loaded, but recording it in the Dagster instance failed")


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
        unit = con.execute(load_sql("core/select_version_key.sql"), {"document_id": ids[0]})
        refresh_marts(con, [unit.fetchone()[1]])  # the unit's rows read the new current version
        publish_snapshot(con, args.warehouse)
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
    ingest.add_argument("-v", "--verbose", action="store_true", help="log each stage with its time")
    ingest.add_argument(
        "--jobs",
        type=int,
        default=default_jobs(),
        metavar="N",
        help="worker processes reading PDFs (default: one per core, here %(default)s)",
    )
    ingest.add_argument(
        SECONDS_FLAG,
        type=float,
        default=DEFAULT_SECONDS,
        metavar="S",
        help="longest one document may take to read; past it the file is quarantined with the "
        "stage and page it reached (default %(default)g; 0: no limit)",
    )
    ingest.add_argument(
        MEMORY_FLAG,
        type=int,
        default=DEFAULT_MEMORY_MB,
        metavar="MB",
        help="memory one worker may take for a document over what it holds idle; past it the "
        "file is quarantined (default %(default)s; 0: no limit)",
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
    args = parser().parse_args(argv)
    logging.basicConfig(
        level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    if getattr(args, "verbose", False):  # our stages only: great-expectations is chatty at INFO
        logging.getLogger("pipelines").setLevel(logging.INFO)
    return args.func(args)
