"""Whole-process ingest speed, each figure beside its baseline from the same run.

    make bench    (.venv/bin/python benchmarks/bench_ingest.py [--runs 3] [--quick] [--skip-marts])

Every timing is a whole process (``time.perf_counter`` around ``subprocess.run``: interpreter,
imports, work, exit), the median of ``--runs`` runs; each run times every step once, in an order
rotated from run to run, so machine load hits all alike. ``PIPELINES_DAGSTER_EPHEMERAL=1``.

1. batches (the 9 samples; ``../shared/corpus-dev/pdf``, skipped with a note if absent): naive
   camelot (``benchmarks/naive_camelot.py``: ``camelot.read_pdf(path, pages="all")`` over every
   file, one process) vs ``python -m pipelines ingest FILES --warehouse FRESH`` (default jobs);
   seconds, pages/s, documents/min, ratio naive/ours (goal >= 8);
2. identical facts: each batch with ``--jobs 1`` and ``--jobs 2``, ``core.fact_line_items``
   compared without ``fact_id`` (once, not timed in the medians);
3. 60 generated documents (``scripts/make_corpus.py --seed 11 --units 20 --years 3``, rendered
   once into ``benchmarks/.cache/corpus60/``): a fresh ingest (goal >= 60 documents/min) and the
   unchanged rerun into the same warehouse (goal < 5 s);
4. one document (``d323_2022_budget.pdf``) into a fresh warehouse (goal < 5 s) beside naive
   camelot on it, and the bare ``import pipelines.cli`` / ``import great_expectations``;
5. validation (``bench_validation.bench_validation()``) and marts (``bench_marts.py``, which
   writes ``benchmarks/results/marts.json``; ``--skip-marts`` reads that file when it is fresh).

Writes ``benchmarks/results/latest.json`` (``--quick``: 1 run, samples only, no corpus, no mart
build; writes ``benchmarks/.cache/quick.json``) and prints a table.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path
from typing import Any

import duckdb
import pypdfium2

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "benchmarks"
CACHE = BENCH / ".cache"
CORPUS = CACHE / "corpus60"
CORPUS_ARGS = ["--seed", "11", "--units", "20", "--years", "3"]
CORPUS_SIZE = 60
SAMPLES = ROOT / "data/samples"
OUTSIDE = ROOT.parent / "shared/corpus-dev/pdf"
ONE_DOCUMENT = SAMPLES / "d323_2022_budget.pdf"
MARTS_JSON = BENCH / "results/marts.json"
MARTS_INPUTS = [
    BENCH / "bench_marts.py",
    *ROOT.glob("sql/mart/*.sql"),
    *ROOT.glob("sql/core/bench_*"),
]
ENV = {**os.environ, "PIPELINES_DAGSTER_EPHEMERAL": "1"}
PY = sys.executable

GOAL_RATIO = 8.0  # naive camelot seconds / ours, per batch
GOAL_DOCS_PER_MIN = 60.0  # fresh ingest of the 60-document corpus
GOAL_RERUN_S = 5.0  # unchanged rerun, whole process
GOAL_ONE_DOCUMENT_S = 5.0  # one document into a fresh warehouse, whole process
MARTS_MAX_AGE_S = 7 * 24 * 3600
# name → the code timed (a whole process each): the bare imports, and great-expectations as the
# writer imports it (cyclic GC paused, scipy.stats deferred: pipelines/garbage.py, gx_import.py).
IMPORTS = {
    "pipelines.cli": "import pipelines.cli",
    "great_expectations": "import great_expectations",
    "great_expectations (writer)": (
        "from pipelines.garbage import paused_for_imports\n"
        "with paused_for_imports():\n    import pipelines.validate.run"
    ),
}

Step = Callable[["Timings"], None]


@dataclass
class Timings:
    """Seconds per key over the runs, the last stdout of each key's process, its failures."""

    seconds: dict[str, list[float]] = field(default_factory=dict)
    stdout: dict[str, str] = field(default_factory=dict)
    failed: dict[str, str] = field(default_factory=dict)

    def time(self, key: str, args: list[str]) -> None:
        """Run one process under ``key``; a failure is kept (the other steps carry on)."""
        try:
            seconds, self.stdout[key] = run_timed(args)
        except BenchError as exc:
            print(f"  {key} failed: {exc}", flush=True)
            self.failed[key] = str(exc)
            return
        self.seconds.setdefault(key, []).append(round(seconds, 3))

    def median(self, key: str) -> float:
        """The median seconds of ``key``; raises if any of its runs failed."""
        if key in self.failed:
            raise BenchError(f"{key}: {self.failed[key]}")
        return statistics.median(self.seconds[key])


class BenchError(RuntimeError):
    """A measured process failed: its figure would be meaningless."""


# --- processes -------------------------------------------------------------------------------


def run_timed(args: list[str]) -> tuple[float, str]:
    """Wall seconds of one whole process, and its stdout; raises if it fails."""
    clock = time.perf_counter()
    proc = subprocess.run(args, cwd=ROOT, env=ENV, capture_output=True, text=True)
    seconds = time.perf_counter() - clock
    if proc.returncode != 0:
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-5:]
        raise BenchError(f"{' '.join(args[:4])} … exited {proc.returncode}: {tail}")
    return seconds, proc.stdout


def ingest_args(files: list[Path], warehouse: Path, jobs: int | None = None) -> list[str]:
    """The command line of an ingest (default jobs unless given)."""
    extra = [] if jobs is None else ["--jobs", str(jobs)]
    return [
        PY,
        "-m",
        "pipelines",
        "ingest",
        *map(str, files),
        "--warehouse",
        str(warehouse),
        *extra,
    ]


def naive_args(files: list[Path]) -> list[str]:
    return [PY, str(BENCH / "naive_camelot.py"), *map(str, files)]


def summary_line(stdout: str) -> str:
    """The ingest's last line: documents, seconds, workers and what became of them."""
    lines = stdout.strip().splitlines()
    return lines[-1] if lines else ""


# --- steps (each run times every step once) --------------------------------------------------


def batch_steps(name: str, files: list[Path]) -> list[Step]:
    """Naive camelot over the batch, and our ingest of it into a fresh warehouse."""

    def naive(t: Timings) -> None:
        t.time(f"{name}.naive", naive_args(files))

    def ours(t: Timings) -> None:
        with tempfile.TemporaryDirectory() as tmp:
            t.time(f"{name}.ours", ingest_args(files, Path(tmp) / "w.duckdb"))

    return [naive, ours]


def corpus_step(files: list[Path]) -> Step:
    """A fresh ingest of the corpus, then the unchanged rerun into the same warehouse."""

    def fresh_then_rerun(t: Timings) -> None:
        with tempfile.TemporaryDirectory() as tmp:
            warehouse = Path(tmp) / "w.duckdb"
            t.time("corpus60.fresh", ingest_args(files, warehouse))
            t.time("corpus60.rerun", ingest_args(files, warehouse))

    return fresh_then_rerun


def import_steps() -> list[Step]:
    """Bare interpreter + import of the CLI module and of great-expectations (bare, and as the
    writer imports it)."""

    def importing(name: str, code: str) -> Step:
        def step(t: Timings) -> None:
            t.time(f"import.{name}", [PY, "-c", code])

        return step

    return [importing(name, code) for name, code in IMPORTS.items()]


def run_interleaved(steps: list[Step], runs: int) -> Timings:
    """Every step once per run, the order rotated by one from run to run."""
    timings = Timings()
    for n in range(runs):
        shift = n % len(steps)
        for step in steps[shift:] + steps[:shift]:
            step(timings)
        print(f"  run {n + 1}/{runs} done ({time.strftime('%H:%M:%S')})", flush=True)
    return timings


# --- figures ---------------------------------------------------------------------------------


def guarded(build: Callable[..., dict[str, Any]], *args: Any) -> dict[str, Any]:
    """The figure ``build`` makes, or its error (a failed process) as a failed figure."""
    try:
        return build(*args)
    except (BenchError, KeyError) as exc:
        return {"error": str(exc), "pass": False}


def pages(files: list[Path]) -> int:
    return sum(len(pypdfium2.PdfDocument(str(f))) for f in files)


def rates(seconds: float, documents: int, page_count: int) -> dict[str, float]:
    return {
        "s": round(seconds, 3),
        "pages_per_s": round(page_count / seconds, 2),
        "documents_per_min": round(60 * documents / seconds, 2),
    }


def batch_figure(name: str, files: list[Path], t: Timings) -> dict[str, Any]:
    """Naive vs ours on one batch: seconds, rates and the ratio against its goal."""
    page_count = pages(files)
    naive, ours = t.median(f"{name}.naive"), t.median(f"{name}.ours")
    tables = sum(f["tables"] for f in json.loads(t.stdout[f"{name}.naive"]).values())
    return {
        "documents": len(files),
        "pages": page_count,
        "value": rates(ours, len(files), page_count),
        "baseline": {**rates(naive, len(files), page_count), "tables_found": tables},
        "baseline_what": "naive camelot.read_pdf(path, pages='all'), every file, one process",
        "runs_s": {"naive": t.seconds[f"{name}.naive"], "ours": t.seconds[f"{name}.ours"]},
        "ours_summary": summary_line(t.stdout[f"{name}.ours"]),
        "ratio_naive_over_ours": round(naive / ours, 2),
        "goal": f"ratio_naive_over_ours >= {GOAL_RATIO:g}",
        "pass": naive / ours >= GOAL_RATIO,
    }


def fresh_figure(files: list[Path], t: Timings, naive_per_min: float | None) -> dict[str, Any]:
    """The corpus's fresh ingest; baseline: naive camelot's documents/min on the samples."""
    fresh = t.median("corpus60.fresh")
    per_min = 60 * len(files) / fresh
    return {
        "documents": len(files),
        "value": rates(fresh, len(files), pages(files)),
        "baseline": {"documents_per_min": naive_per_min},
        "baseline_what": "naive camelot's documents/min on the samples batch, same run",
        "runs_s": t.seconds["corpus60.fresh"],
        "ours_summary": summary_line(t.stdout["corpus60.fresh"]),
        "goal": f"documents_per_min >= {GOAL_DOCS_PER_MIN:g}",
        "pass": per_min >= GOAL_DOCS_PER_MIN,
    }


def rerun_figure(t: Timings) -> dict[str, Any]:
    """The unchanged rerun into the fresh ingest's warehouse; baseline: that fresh ingest."""
    rerun = t.median("corpus60.rerun")
    return {
        "value": {"s": round(rerun, 3)},
        "baseline": {"s": round(t.median("corpus60.fresh"), 3)},
        "baseline_what": "the fresh ingest of the same files, same run",
        "runs_s": t.seconds["corpus60.rerun"],
        "ours_summary": summary_line(t.stdout["corpus60.rerun"]),
        "goal": f"s < {GOAL_RERUN_S:g}",
        "pass": rerun < GOAL_RERUN_S,
    }


def one_document_figure(t: Timings) -> dict[str, Any]:
    """One document into a fresh warehouse beside naive camelot on the same file."""
    ours, naive = t.median("one.ours"), t.median("one.naive")
    return {
        "pdf": ONE_DOCUMENT.name,
        "pages": pages([ONE_DOCUMENT]),
        "value": {"s": round(ours, 3)},
        "baseline": {"s": round(naive, 3)},
        "baseline_what": "naive camelot on the same file, whole process",
        "runs_s": {"naive": t.seconds["one.naive"], "ours": t.seconds["one.ours"]},
        "ours_summary": summary_line(t.stdout["one.ours"]),
        "goal": f"s < {GOAL_ONE_DOCUMENT_S:g}",
        "pass": ours < GOAL_ONE_DOCUMENT_S,
    }


def imports_figure(t: Timings) -> dict[str, Any]:
    """Bare interpreter + import seconds: context for the one-document figure, no goal."""
    return {
        "value": {m: round(t.median(f"import.{m}"), 3) for m in IMPORTS},
        "runs_s": {m: t.seconds[f"import.{m}"] for m in IMPORTS},
        "goal": None,
        "pass": None,
    }


def fact_rows(warehouse: Path) -> list[tuple]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        sql = "select * exclude (fact_id) from core.fact_line_items order by all"
        return con.execute(sql).fetchall()


def identical_facts(files: list[Path]) -> dict[str, Any]:
    """The batch with --jobs 1 and --jobs 2: the same facts (all but fact_id, sorted)?"""
    rows, seconds = {}, {}
    with tempfile.TemporaryDirectory() as tmp:
        for jobs in (1, 2):
            warehouse = Path(tmp) / f"jobs{jobs}.duckdb"
            seconds[f"jobs{jobs}_s"], _ = run_timed(ingest_args(files, warehouse, jobs))
            rows[jobs] = fact_rows(warehouse)
    same = rows[1] == rows[2]
    return {
        "value": same,
        "facts": len(rows[1]),
        "facts_jobs2": len(rows[2]),
        **{k: round(v, 3) for k, v in seconds.items()},
        "goal": "identical and facts > 0",
        "pass": same and len(rows[1]) > 0,
    }


# --- inputs ----------------------------------------------------------------------------------


def batches(quick: bool) -> tuple[dict[str, list[Path]], list[str]]:
    """The batches to time, and notes on any left out."""
    found = {"samples": sorted(SAMPLES.glob("*.pdf"))}
    notes = []
    outside = sorted(OUTSIDE.glob("*.pdf"))
    if quick:
        notes.append("corpus-dev batch skipped (--quick)")
    elif outside:
        found["corpus_dev"] = outside
    else:
        notes.append(f"corpus-dev batch skipped: no PDFs in {OUTSIDE}")
    return found, notes


def corpus60() -> list[Path]:
    """The 60 generated PDFs, rendered once with LibreOffice (a few minutes) and cached."""
    if not (CORPUS / "manifest.csv").exists():  # make_corpus.py writes the manifest last
        print(f"rendering the 60-document corpus into {CORPUS} (a few minutes) …", flush=True)
        staging = CORPUS.with_name(CORPUS.name + ".tmp")
        shutil.rmtree(staging, ignore_errors=True)
        make = [PY, str(ROOT / "scripts/make_corpus.py"), str(staging), *CORPUS_ARGS]
        subprocess.run(make, cwd=ROOT, env=ENV, check=True, capture_output=True)
        shutil.rmtree(CORPUS, ignore_errors=True)
        staging.rename(CORPUS)
    files = sorted(CORPUS.glob("*.pdf"))
    if len(files) != CORPUS_SIZE:
        raise BenchError(f"{CORPUS} holds {len(files)} PDFs, not {CORPUS_SIZE}: delete it")
    return files


# --- the colleagues' benchmarks --------------------------------------------------------------


def validation_figure(quick: bool) -> dict[str, Any]:
    """``bench_validation()`` in this process: one batch vs each document alone."""
    path = BENCH / "bench_validation.py"
    if not path.exists():
        return {"skipped": f"{path.name} not present"}
    spec = importlib.util.spec_from_file_location("bench_validation", path)
    module = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(module)
        got = module.bench_validation(**({"documents": 18, "runs": 1} if quick else {}))
    except Exception as exc:  # a colleague's work in progress must not sink the rest
        return {"skipped": f"bench_validation failed: {exc!r}"}
    return {
        **got,
        "value": {"s": round(got["batch_s"], 3)},
        "baseline": {"s": round(got["one_by_one_s"], 3)},
        "baseline_what": "the same documents validated one by one, same run",
        "goal": got.get("goal"),
        "pass": got.get("pass"),
    }


def marts_figure(skip: bool) -> dict[str, Any]:
    """Run ``bench_marts.py`` (unless ``skip``), then read the marts.json it writes."""
    if not skip and (BENCH / "bench_marts.py").exists():
        print("bench_marts.py (builds the ~30k-document warehouse once, minutes) …", flush=True)
        proc = subprocess.run([PY, str(BENCH / "bench_marts.py")], cwd=ROOT, env=ENV)
        if proc.returncode != 0:
            return {"skipped": f"bench_marts.py exited {proc.returncode}"}
    if not MARTS_JSON.exists():
        return {"skipped": f"no {MARTS_JSON.relative_to(ROOT)}"}
    written = MARTS_JSON.stat().st_mtime
    inputs = max((p.stat().st_mtime for p in MARTS_INPUTS if p.exists()), default=0)
    if written < inputs or time.time() - written > MARTS_MAX_AGE_S:
        return {"skipped": "marts.json is stale (older than sql/mart or a week): make bench-marts"}
    return guarded(summarize_marts, json.loads(MARTS_JSON.read_text(encoding="utf-8")))


def summarize_marts(report: dict[str, Any]) -> dict[str, Any]:
    """The slowest one-unit mart query against its goal; the refresh times beside it."""
    marts = report["marts"]
    slowest = max(marts, key=lambda m: marts[m]["ms"])
    return {
        "source": str(MARTS_JSON.relative_to(ROOT)),
        "measured_at": report.get("measured_at"),
        "warehouse": report.get("warehouse"),
        "value": {"slowest_unit_query_ms": marts[slowest]["ms"], "mart": slowest},
        "baseline": {"slowest_select_star_ms": max(m["select_star_ms"] for m in marts.values())},
        "baseline_what": "every row of a mart (select *), same run",
        "refresh": report.get("refresh"),
        "marts": {m: {k: v[k] for k in ("ms", "select_star_ms", "pass")} for m, v in marts.items()},
        "goal": f"every unit query < {marts[slowest]['goal_ms']:g} ms",
        "pass": all(m["pass"] for m in marts.values()),
    }


# --- machine, report -------------------------------------------------------------------------


def git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True).stdout.strip()


def machine() -> dict[str, Any]:
    return {
        "cores": os.cpu_count(),
        "usable_cores": len(os.sched_getaffinity(0)),
        "load_average_start": os.getloadavg(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "camelot": version("camelot-py"),
        "duckdb": duckdb.__version__,
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "git_commit": git("rev-parse", "HEAD"),
        "git_dirty": bool(git("status", "--porcelain", "--untracked-files=no")),
    }


def measure(args: argparse.Namespace) -> dict[str, Any]:
    """Every figure of the run, with the machine it ran on."""
    result: dict[str, Any] = {"machine": machine(), "runs": args.runs, "notes": []}
    if result["machine"]["load_average_start"][0] > 1.5:
        print(f"note: load average {os.getloadavg()[0]:.2f} at start: figures will be slow")
    found, result["notes"] = batches(args.quick)
    corpus = [] if args.quick else corpus60()
    if args.quick:
        result["notes"].append("60-document corpus skipped (--quick)")
    steps = [s for name, files in found.items() for s in batch_steps(name, files)]
    steps += batch_steps("one", [ONE_DOCUMENT]) + import_steps()
    steps += [corpus_step(corpus)] if corpus else []
    print(f"timing {len(steps)} steps × {args.runs} runs …", flush=True)
    t = run_interleaved(steps, args.runs)
    result["batches"] = {n: guarded(batch_figure, n, f, t) for n, f in found.items()}
    print("identical facts with --jobs 1 and --jobs 2 …", flush=True)
    result["identical_facts"] = {n: guarded(identical_facts, f) for n, f in found.items()}
    if corpus:
        naive = result["batches"]["samples"].get("baseline", {}).get("documents_per_min")
        result["corpus60"] = {
            "fresh": guarded(fresh_figure, corpus, t, naive),
            "rerun": guarded(rerun_figure, t),
        }
    result["one_document"] = guarded(one_document_figure, t)
    result["imports"] = guarded(imports_figure, t)
    print("validation (bench_validation) …", flush=True)
    result["validation"] = validation_figure(args.quick)
    result["marts"] = marts_figure(args.skip_marts or args.quick)
    result["machine"]["load_average_end"] = os.getloadavg()
    return result


Cells = tuple[str, str, str]  # ours, baseline, goal


def batch_cells(b: dict[str, Any]) -> Cells:
    v, naive = b["value"], b["baseline"]
    return (
        f"{v['s']:.1f} s, {v['pages_per_s']:.1f} p/s, {v['documents_per_min']:.1f} d/min",
        f"naive {naive['s']:.1f} s, {naive['pages_per_s']:.1f} p/s",
        f"{b['ratio_naive_over_ours']:.1f}x naive/ours (>= {GOAL_RATIO:g}x)",
    )


def identical_cells(f: dict[str, Any]) -> Cells:
    return (f"{f['value']}, {f['facts']} facts", "", "jobs 1 = jobs 2")


def fresh_cells(f: dict[str, Any]) -> Cells:
    v, naive = f["value"], f["baseline"]["documents_per_min"]
    naive_text = "" if naive is None else f"naive {naive:.1f} d/min (samples)"
    return (f"{v['s']:.1f} s, {v['documents_per_min']:.1f} d/min", naive_text, ">= 60 d/min")


def seconds_cells(label: str, goal: float) -> Callable[[dict[str, Any]], Cells]:
    def cells(f: dict[str, Any]) -> Cells:
        return (f"{f['value']['s']:.2f} s", f"{label} {f['baseline']['s']:.1f} s", f"< {goal:g} s")

    return cells


def imports_cells(f: dict[str, Any]) -> Cells:
    return (", ".join(f"{m} {s:.2f} s" for m, s in f["value"].items()), "", "context")


def validation_cells(f: dict[str, Any]) -> Cells:
    return (
        f"batch {f['value']['s']:.1f} s ({f['documents']} docs)",
        f"one by one {f['baseline']['s']:.1f} s",
        f"{f['ratio_one_by_one_over_batch']:.1f}x",
    )


def marts_cells(f: dict[str, Any]) -> Cells:
    v = f["value"]
    return (f"{v['slowest_unit_query_ms']:.0f} ms ({v['mart']})", "", f["goal"])


def row(label: str, fig: dict[str, Any], cells: Callable[[dict[str, Any]], Cells]) -> list[str]:
    """One printed row: the figure's cells, or why it has none."""
    if "error" in fig:
        return [label, "error", "", fig["error"][:80], "FAIL"]
    if "skipped" in fig:
        return [label, "skipped", "", fig["skipped"][:80], "-"]
    return [label, *cells(fig), {True: "pass", False: "FAIL", None: "-"}[fig.get("pass")]]


def table_rows(result: dict[str, Any]) -> list[list[str]]:
    """(figure, ours, baseline, goal, verdict) for the printed table."""
    rows = [row(f"batch {n}", b, batch_cells) for n, b in result["batches"].items()]
    rows += [row(f"facts {n}", f, identical_cells) for n, f in result["identical_facts"].items()]
    if "corpus60" in result:
        rows.append(row("corpus60 fresh", result["corpus60"]["fresh"], fresh_cells))
        rerun = seconds_cells("fresh", GOAL_RERUN_S)
        rows.append(row("corpus60 rerun", result["corpus60"]["rerun"], rerun))
    one = seconds_cells("naive", GOAL_ONE_DOCUMENT_S)
    rows.append(row("one document", result["one_document"], one))
    rows.append(row("  imports", result["imports"], imports_cells))
    rows.append(row("validation", result["validation"], validation_cells))
    rows.append(row("marts", result["marts"], marts_cells))
    return rows


def report(result: dict[str, Any], out: Path) -> None:
    rows = [("figure", "ours", "baseline", "goal", ""), *table_rows(result)]
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    for line in rows:
        print("  ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=False)), line[4])
    m = result["machine"]
    load = f"{m['load_average_start'][0]:.2f} → {m['load_average_end'][0]:.2f}"
    dirty = " (dirty tree)" if m["git_dirty"] else ""
    print(f"median of {result['runs']} runs; {m['cores']} cores, load average {load}")
    print(f"commit {m['git_commit'][:10]}{dirty}; wrote {out}")
    for note in result["notes"]:
        print(f"note: {note}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="1 run, samples only, no corpus")
    parser.add_argument("--skip-marts", action="store_true", help="read a fresh marts.json")
    parser.add_argument("--out", type=Path, help="default results/latest.json (quick: .cache/)")
    args = parser.parse_args()
    if args.quick:
        args.runs = 1
    out = args.out or (CACHE / "quick.json" if args.quick else BENCH / "results/latest.json")
    result = measure(args)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    report(result, out)


if __name__ == "__main__":
    main()
