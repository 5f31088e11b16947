"""Mart query and refresh speed on a ~30k-document warehouse.

    make bench-marts    (.venv/bin/python benchmarks/bench_marts.py [--runs 5] [--rebuild])

The warehouse: the nine bundled samples go through the real pipeline once (``ingest_file``:
extraction, validation, load; ~1 min), then ``sql/core/bench_create_copies.sql`` and
``bench_insert_copies.sql`` multiply the core tables in SQL: every document (with its facts,
narrative figures and DQ results) is copied for 834 synthetic units (unit_key/dept_code
suffixed '~n') × 4 year blocks (fiscal_year + 0, 3, 6, 9, so year-over-year chains continue),
30,024 documents in all (26,688 current, ~8.4M facts, ~9M DQ results). Both files are cached
in benchmarks/.cache/ (gitignored) under a key of the SQL that shapes them; ``--rebuild``
starts over.

Then, on the copy: a full ``refresh_marts`` and an incremental one of 10 units, each timed
once; and each mart queried ``--runs`` times after one warm-up run, medians reported:
- ``ms`` (the goal, < 200 ms): one unit's rows, ``select * from mart.<m> where unit_key = ?``,
  fetched to Python. This is how the dashboard's unit pages and the README questions read the
  marts (by unit or by one of its documents);
- ``select_star_ms``: every row, ``select * from mart.<m>`` fetched as an Arrow table (for the
  largest marts this is mostly converting 0.3-0.6M rows, not DuckDB's work).
Writes benchmarks/results/marts.json.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import duckdb

from pipelines.clock import utc_now
from pipelines.ingest import ingest_file
from pipelines.warehouse import connect
from pipelines.warehouse.marts import MART_TABLES, refresh_marts
from pipelines.warehouse.sql_files import load_sql, sql_names

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "data/samples"
CACHE = ROOT / "benchmarks/.cache"
RESULTS = ROOT / "benchmarks/results/marts.json"
COPIES = {"unit_copies": 834, "year_blocks": 4}  # 9 sample files × 834 × 4 = 30,024 documents
BUILD_SQL = ("core/bench_create_copies.sql", "core/bench_insert_copies.sql")
GOAL_MS = 200.0
SAMPLE_UNIT = "323~17"  # a synthetic unit with 12 years of budgets
INCREMENTAL_UNITS = [f"{code}~{n}" for code in ("118", "207", "323") for n in (5, 50, 500)] + [
    "323"
]


def cache_key() -> str:
    """What the cached files depend on: the multiplication SQL and its parameters."""
    text = "".join(load_sql(name) for name in BUILD_SQL) + json.dumps(COPIES)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def samples_warehouse(path: Path) -> Path:
    """The nine samples through the real pipeline (extract, validate, load), once."""
    if not path.exists():
        staging = path.with_name(path.name + ".tmp")
        staging.unlink(missing_ok=True)
        with connect(staging) as con:
            for pdf in sorted(SAMPLES.glob("*.pdf")):
                result = ingest_file(con, pdf)
                print(f"  {pdf.name}: {result.status}", flush=True)
        os.replace(staging, path)
    return path


def big_warehouse(path: Path, samples: Path) -> float:
    """Copy the samples warehouse and multiply it in SQL; returns the seconds it took."""
    started = time.perf_counter()
    staging = path.with_name(path.name + ".tmp")
    shutil.copyfile(samples, staging)
    with connect(staging) as con:
        con.execute("set enable_progress_bar = false")
        con.execute(load_sql(BUILD_SQL[0]), COPIES)
        con.execute(load_sql(BUILD_SQL[1]))
        con.execute(load_sql("core/checkpoint.sql"))
    os.replace(staging, path)
    return time.perf_counter() - started


def median_ms(run: Callable[[], object], runs: int) -> tuple[float, object]:
    """Median wall time of ``runs`` runs after one warm-up run, and the last result."""
    result = run()
    times = []
    for _ in range(runs):
        clock = time.perf_counter()
        result = run()
        times.append(1000 * (time.perf_counter() - clock))
    return statistics.median(times), result


def time_marts(con: duckdb.DuckDBPyConnection, runs: int) -> dict[str, dict[str, object]]:
    """Every mart (sql/mart/*.sql): the unit query (the goal) and select * of every row."""
    out: dict[str, dict[str, object]] = {}
    for mart in (Path(name).stem for name in sql_names("mart")):
        unit_sql = f"select * from mart.{mart} where unit_key = $unit_key"
        unit_ms, unit_rows = median_ms(
            lambda q=unit_sql: con.execute(q, {"unit_key": SAMPLE_UNIT}).fetchall(), runs
        )
        star_ms, table = median_ms(
            lambda m=mart: con.sql(f"select * from mart.{m}").to_arrow_table(), runs
        )
        out[mart] = {
            "kind": "table" if mart in MART_TABLES else "view",
            "ms": round(unit_ms, 1),
            "unit_rows": len(unit_rows),
            "rows": table.num_rows,
            "select_star_ms": round(star_ms, 1),
            "goal_ms": GOAL_MS,
            "pass": unit_ms < GOAL_MS,
            "select_star_pass": star_ms < GOAL_MS,
        }
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--rebuild", action="store_true", help="ignore the cached warehouses")
    args = parser.parse_args()
    CACHE.mkdir(parents=True, exist_ok=True)
    key = cache_key()
    samples, big = CACHE / "samples.duckdb", CACHE / f"marts_30k_{key}.duckdb"
    if args.rebuild:
        for path in CACHE.glob("*.duckdb*"):
            path.unlink()
    built = None
    if not big.exists():
        print("building the samples warehouse (real pipeline) …", flush=True)
        samples_warehouse(samples)
        for stale in CACHE.glob("marts_30k_*.duckdb*"):
            stale.unlink()
        print("multiplying it to ~30k documents …", flush=True)
        built = big_warehouse(big, samples)
    work = CACHE / "marts_30k.work.duckdb"  # refreshes write here: the cached file stays as is
    shutil.copyfile(big, work)

    clock = time.perf_counter()
    con = connect(work)  # rebuilds mart tables whose sql/mart file changed since the cache
    connect_s = time.perf_counter() - clock
    con.execute("set enable_progress_bar = false")
    sizes = con.execute(load_sql("core/select_warehouse_summary.sql")).df().iloc[0].to_dict()
    facts = con.execute("select count(*) from core.fact_line_items").fetchone()[0]
    full = refresh_marts(con)
    incremental = refresh_marts(con, INCREMENTAL_UNITS)
    con.execute(load_sql("core/checkpoint.sql"))
    con.close()

    with duckdb.connect(str(work), read_only=True) as reader:  # as the dashboard reads
        marts = time_marts(reader, args.runs)

    report = {
        "measured_at": utc_now().isoformat(timespec="seconds"),
        "cpus": os.cpu_count(),
        "duckdb": duckdb.__version__,
        "warehouse": {**{k: int(v) for k, v in sizes.items()}, "facts": int(facts)},
        "build_seconds": None if built is None else round(built, 1),
        "connect_seconds": round(connect_s, 2),
        "query": (
            "ms: median of the warm runs of `select * from mart.<m> where unit_key = "
            f"'{SAMPLE_UNIT}'` fetched to Python (goal < {GOAL_MS:.0f} ms); select_star_ms: "
            "`select * from mart.<m>`, every row, as an Arrow table"
        ),
        "runs": args.runs,
        "marts": marts,
        "refresh": {
            "full_seconds": round(full.total_seconds, 2),
            "full_by_mart": {k: round(v, 2) for k, v in full.seconds.items()},
            "incremental_units": len(INCREMENTAL_UNITS),
            "incremental_seconds": round(incremental.total_seconds, 2),
            "incremental_by_mart": {k: round(v, 3) for k, v in incremental.seconds.items()},
            "incremental_rows": incremental.rows,
        },
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print_report(report)


def print_report(report: dict) -> None:
    print(f"\nwarehouse: {report['warehouse']}")
    print(f"{'mart':32} {'kind':5} {'rows':>8} {'unit ms':>8} {'pass':>5} {'select * ms':>12}")
    for mart, m in report["marts"].items():
        verdict = "ok" if m["pass"] else "FAIL"
        print(
            f"{mart:32} {m['kind']:5} {m['rows']:>8} {m['ms']:>8.1f} {verdict:>5} "
            f"{m['select_star_ms']:>12.1f}"
        )
    r = report["refresh"]
    print(f"full refresh: {r['full_seconds']} s {r['full_by_mart']}")
    print(
        f"incremental refresh of {r['incremental_units']} units: {r['incremental_seconds']} s "
        f"{r['incremental_by_mart']}"
    )
    print(f"wrote {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
