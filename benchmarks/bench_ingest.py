"""Whole-process ingest speed, each figure beside its baseline from the same run.

    make bench    (.venv/bin/python benchmarks/bench_ingest.py [--runs 3] [--quick] [--skip-marts]
                   [--real-runs 1] [--real-only])

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
   camelot on it, and the bare interpreter and imports (``pipelines.cli``, ``camelot``,
   ``dagster``, ``great_expectations``) that set its floor;
5. the corpus-real sample (``REAL_SAMPLE``: 13 published PDFs, 849 pages; skipped with a note
   if ``../shared/corpus-real`` is absent), ``--real-runs`` runs (default 1: naive camelot takes
   ~8–10 minutes over it): naive vs ours as in 1, plus the facts each found (our fact rows;
   naive's numeric cells) and the correct facts on the sample's documents with a cell truth
   (ours: the cells scorer's matches; naive: truth amounts among its numeric cells, a generous
   count), and the sample's longest document (262 pages) alone into a fresh warehouse;
6. validation (``bench_validation.bench_validation()``) and marts (``bench_marts.py``, which
   writes ``benchmarks/results/marts.json``; ``--skip-marts`` reads that file when it is fresh).

Writes ``benchmarks/results/latest.json`` (``--quick``: 1 run, samples only, no corpus, no mart
build, no corpus-real; writes ``benchmarks/.cache/quick.json``; ``--real-only``: 5 alone, into
``benchmarks/.cache/real.json``) and prints a table.
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
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
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
REAL = ROOT.parent / "shared/corpus-real"
REAL_TRUTH_DIRS = [REAL / "truth", ROOT / "tests/corpus_real/truth"]
SCORER = ROOT.parent / "shared/corpus-dev/score_cells.py"
# The corpus-real sample, fixed by name (what each stands for): every document with a cell
# truth (all five regions, the 决算, Beijing's 149-page tables file), the corpus's longest
# document, a narrative-only half (the pair of a truth's tables file) and a non-disclosure.
# 13 files, 849 pages: naive camelot takes ~8 minutes over them on this machine.
REAL_SAMPLE = {
    "上海__2026年上海市民政局_部门预算.pdf": "truth; 上海 单位预算, 16 pages, 元",
    "上海__上海市财政局25年预算.pdf": "truth; 上海 2025, 21 pages, 元",
    "北京__卫生健康委员会_2026年部门预算.pdf": "truth; 北京 tables-only half, 149 pages",
    "北京__政府办公厅_附件2：北京市信访办公室2026年度部门预算报表.pdf": (
        "truth; 北京 tables half, 17 pages"
    ),
    "北京__2026年北京市信访办公室部门预算.pdf": "北京 narrative half of the above, 7 pp.",
    "广东-广州__信访局_2026年部门预算.pdf": "truth; 广州, 25 pages",
    "广东-深圳__2026年深圳市信访局部门预算.pdf": "truth; 深圳, 33 pages",
    "广东-深圳__2026年深圳市气象局部门预算.pdf": "truth; 深圳, 40 pages",
    "广东-深圳__2026年深圳市人力资源和社会保障局部门预算.pdf": "the corpus's longest, 262 pages",
    "陕西-西安__人力资源和社会保障局_2026年部门预算.pdf": "truth; 西安 2020, 64 pages",
    "陕西-西安__卫生健康委员会_2026年部门预算.pdf": "truth; 西安 2022 决算, 171 pages",
    "陕西-西安__气象局_2026年部门预算.pdf": "truth; 西安, 33 pages, 元",
    "浙江-嘉兴__2026年嘉兴市卫生健康委员会部门预算.pdf": "a non-disclosure (refused), 11 pages",
}
REAL_LONGEST = "广东-深圳__2026年深圳市人力资源和社会保障局部门预算.pdf"
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
YUAN_PER_WAN = 10_000  # a truth's amount_wan as a 元 table prints it
MARTS_MAX_AGE_S = 7 * 24 * 3600
# name → the code timed (a whole process each): the bare imports, and great-expectations as the
# writer imports it (cyclic GC paused, scipy.stats deferred: pipelines/garbage.py, gx_import.py).
IMPORTS = {
    "interpreter": "pass",
    "pipelines.cli": "import pipelines.cli",
    "camelot (reader)": "import camelot",
    "dagster": "import dagster",
    "great_expectations": "import great_expectations",
    "great_expectations (writer)": (
        "from pipelines.garbage import paused_for_imports\n"
        "with paused_for_imports():\n    import pipelines.validate.run"
    ),
}

Step = Callable[["Timings"], None]


@dataclass
class Timings:
    """Seconds per key over the runs, the last stdout of each key's process, its failures, and
    what a step read from its output after the clock stopped (``found``: facts, cells)."""

    seconds: dict[str, list[float]] = field(default_factory=dict)
    stdout: dict[str, str] = field(default_factory=dict)
    failed: dict[str, str] = field(default_factory=dict)
    found: dict[str, Any] = field(default_factory=dict)

    def time(self, key: str, args: list[str], ok: tuple[int, ...] = (0,)) -> None:
        """Run one process under ``key`` (``ok``: the exit codes that are no failure); a
        failure is kept (the other steps carry on)."""
        try:
            seconds, self.stdout[key] = run_timed(args, ok)
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


def run_timed(args: list[str], ok: tuple[int, ...] = (0,)) -> tuple[float, str]:
    """Wall seconds of one whole process, and its stdout; raises if it fails."""
    clock = time.perf_counter()
    proc = subprocess.run(args, cwd=ROOT, env=ENV, capture_output=True, text=True)
    seconds = time.perf_counter() - clock
    if proc.returncode not in ok:
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


def naive_args(files: list[Path], cells: Path | None = None) -> list[str]:
    extra = [] if cells is None else ["--cells", str(cells)]
    return [PY, str(BENCH / "naive_camelot.py"), *map(str, files), *extra]


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


def real_steps(files: list[Path], truth: Path | None) -> list[Step]:
    """Naive camelot over the corpus-real sample (keeping its numeric cells), our ingest of it
    into a fresh warehouse (keeping its facts and their score against ``truth``), and the
    sample's longest document alone into a fresh warehouse (the one-document latency)."""

    def naive(t: Timings) -> None:
        with tempfile.TemporaryDirectory() as tmp:
            cells = Path(tmp) / "cells.json"
            t.time("real.naive", naive_args(files, cells))
            if "real.naive" in t.failed or not cells.exists():
                return
            t.found["real.naive"] = json.loads(cells.read_text(encoding="utf-8"))
            per_file = json.loads(t.stdout["real.naive"])
            runs = t.found.setdefault("real.naive.seconds", [])
            runs.append({Path(k).name: v["seconds"] for k, v in per_file.items()})

    def ours(t: Timings) -> None:
        with tempfile.TemporaryDirectory() as tmp:
            warehouse = Path(tmp) / "w.duckdb"
            # exit 1: a file was quarantined, as the sample's non-disclosure must be
            t.time("real.ours", ingest_args(files, warehouse), ok=(0, 1))
            if warehouse.exists() and "real.ours" not in t.failed:
                t.found["real.ours"] = warehouse_found(warehouse, truth, Path(tmp))

    def longest(t: Timings) -> None:
        with tempfile.TemporaryDirectory() as tmp:
            t.time("real_one.ours", ingest_args([REAL / "pdf" / REAL_LONGEST], Path(tmp) / "w.db"))

    return [naive, ours, longest]


def warehouse_found(warehouse: Path, truth: Path | None, tmp: Path) -> dict[str, Any]:
    """What an ingest left in ``warehouse``: facts, documents by status, and the cells scorer's
    per-file matches against ``truth`` (None: no scorer or truth on this machine)."""
    with duckdb.connect(str(warehouse), read_only=True) as con:
        facts = con.execute("select count(*) from core.fact_line_items").fetchone()[0]
        by_status = "select status, count(*) from core.documents group by 1 order by 1"
        status = dict(con.execute(by_status).fetchall())
    found: dict[str, Any] = {"facts": facts, "documents": status, "scored": None}
    if truth is not None:
        out = tmp / "score.json"
        score = [PY, str(SCORER), "--warehouse", str(warehouse), "--truth-dir", str(truth)]
        subprocess.run([*score, "--json", str(out), "--examples", "0"], capture_output=True)
        if out.exists():
            found["scored"] = json.loads(out.read_text(encoding="utf-8"))
    return found


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


def real_figure(files: list[Path], t: Timings, truths: dict[str, dict]) -> dict[str, Any]:
    """Naive vs ours on the corpus-real sample: rates, the ratio, facts and correct facts."""
    page_count = pages(files)
    naive, ours = t.median("real.naive"), t.median("real.ours")
    per_file = json.loads(t.stdout["real.naive"]).values()
    got = t.found["real.ours"]
    cells = {Path(k).name: v for k, v in t.found["real.naive"].items()}
    correct = correct_facts(truths, got["scored"], cells)
    ratio = naive / ours
    enough = correct is None or correct["ours"] >= correct["naive"]
    refused = sum(1 for why in REAL_SAMPLE.values() if "non-disclosure" in why)
    as_expected = got["documents"] == {"loaded": len(files) - refused, "quarantined": refused}
    return {
        "documents": len(files),
        "pages": page_count,
        "sample": {f.name: REAL_SAMPLE[f.name] for f in files},
        "value": {**rates(ours, len(files), page_count), "facts": got["facts"]},
        "documents_by_status": got["documents"],
        "documents_as_expected": as_expected,
        "baseline": {
            **rates(naive, len(files), page_count),
            "tables_found": sum(f["tables"] for f in per_file),
            "facts": sum(f["numeric_cells"] for f in per_file),
        },
        "baseline_what": "naive camelot.read_pdf(path, pages='all'), every file, one process; "
        "facts: numeric cells of the tables it returned",
        "correct_facts": correct,
        "runs_s": {"naive": t.seconds["real.naive"], "ours": t.seconds["real.ours"]},
        "ours_summary": summary_line(t.stdout["real.ours"]),
        "ratio_naive_over_ours": round(ratio, 2),
        "goal": f"ratio_naive_over_ours >= {GOAL_RATIO:g}, correct facts ours >= naive, "
        "every disclosure loaded and the non-disclosure refused",
        "pass": ratio >= GOAL_RATIO and enough and as_expected,
    }


def correct_facts(
    truths: dict[str, dict], scored: dict[str, Any] | None, cells: dict[str, list[str]]
) -> dict[str, Any] | None:
    """Truth cells each side got right, over the sample's documents with a cell truth.

    Ours: the cells scorer's matches (right table, row, column and amount). Naive: a generous
    count, the truth amounts (as the document prints them: 元 or 万元) found among the numeric
    cells naive camelot returned for that document, each returned cell used once, whatever
    its table, row or column. Zero-printed cells, optional in the truth, count for neither.
    """
    if scored is None or not truths:
        return None
    ours_by_file = {f["file"]: f["matched"] for f in scored["files"]}
    files = {}
    for name, truth in truths.items():
        mandatory = [c for c in truth["cells"] if not c.get("zero_printed")]
        scale = YUAN_PER_WAN if truth.get("unit") == "元" else 1
        files[name] = {
            "truth": len(mandatory),
            "ours": ours_by_file.get(name, 0),
            "naive": generous_matches(mandatory, cells.get(name, []), scale),
        }
    return {
        **{k: sum(f[k] for f in files.values()) for k in ("truth", "ours", "naive")},
        "documents": len(files),
        "files": files,
        "naive_what": "truth amounts found among the numeric cells naive camelot returned for "
        "that document, anywhere (a generous count)",
    }


def generous_matches(truth_cells: list[dict], cells: list[str], scale: int) -> int:
    """How many truth amounts (× ``scale``) are among ``cells``, each cell used at most once."""
    pool = Counter(Decimal(c) for c in cells)
    matched = 0
    for cell in truth_cells:
        value = Decimal(cell["amount_wan"]) * scale
        if pool[value] > 0:
            pool[value] -= 1
            matched += 1
    return matched


def one_real_figure(t: Timings) -> dict[str, Any]:
    """The sample's longest document alone into a fresh warehouse (one reader, whole process),
    beside the seconds naive camelot's read_pdf spent on it inside the sample's process."""
    ours = t.median("real_one.ours")
    naive = [run[REAL_LONGEST] for run in t.found.get("real.naive.seconds", [])]
    page_count = pages([REAL / "pdf" / REAL_LONGEST])
    return {
        "pdf": REAL_LONGEST,
        "pages": page_count,
        "value": {"s": round(ours, 3), "pages_per_s": round(page_count / ours, 2)},
        "baseline": {"s": round(statistics.median(naive), 3)} if naive else {"s": None},
        "baseline_what": "naive camelot's read_pdf on that file inside the sample's naive "
        "process (no interpreter start or imports)",
        "runs_s": t.seconds["real_one.ours"],
        "ours_summary": summary_line(t.stdout["real_one.ours"]),
        "goal": None,
        "pass": None,
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


def real_sample(tmp: Path) -> tuple[list[Path], Path | None, dict[str, dict], list[str]]:
    """The corpus-real sample's files, a truth folder (in ``tmp``) holding the truths of its
    documents, those truths by file name, and notes on anything missing."""
    files = sorted(REAL / "pdf" / name for name in REAL_SAMPLE)  # as `ingest DIR` orders them
    missing = [f.name for f in files if not f.exists()]
    if missing:
        return [], None, {}, [f"corpus-real figure skipped: {REAL}/pdf lacks {missing[:3]}…"]
    truths = {}
    for folder in REAL_TRUTH_DIRS:
        for path in sorted(folder.glob("*.json")):
            truth = json.loads(path.read_text(encoding="utf-8"))
            if truth["file"] in REAL_SAMPLE:
                truths[truth["file"]] = truth
                (tmp / path.name).symlink_to(path)
    if not SCORER.exists():
        return files, None, truths, [f"correct facts skipped: no {SCORER}"]
    return files, tmp, truths, []


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


def measure_real(args: argparse.Namespace, result: dict[str, Any]) -> None:
    """The corpus-real figures (their own ``--real-runs``, rotated like the rest) into
    ``result``, or a note saying why they are left out."""
    if args.quick or args.real_runs < 1:
        result["notes"].append("corpus-real figure skipped (--quick or --real-runs 0)")
        return
    with tempfile.TemporaryDirectory() as tmp:
        files, truth, truths, notes = real_sample(Path(tmp))
        result["notes"] += notes
        if not files:
            return
        load_start = os.getloadavg()
        steps = real_steps(files, truth)
        print(f"corpus-real: {len(steps)} steps × {args.real_runs} runs (minutes) …", flush=True)
        t = run_interleaved(steps, args.real_runs)
    result["corpus_real"] = guarded(real_figure, files, t, truths)
    result["corpus_real"]["real_runs"] = args.real_runs
    result["corpus_real"]["load_average"] = {"start": load_start, "end": os.getloadavg()}
    result["one_document_real"] = guarded(one_real_figure, t)


def measure(args: argparse.Namespace) -> dict[str, Any]:
    """Every figure of the run, with the machine it ran on."""
    result: dict[str, Any] = {"machine": machine(), "runs": args.runs, "notes": []}
    if result["machine"]["load_average_start"][0] > 1.5:
        print(f"note: load average {os.getloadavg()[0]:.2f} at start: figures will be slow")
    if args.real_only:
        result["runs"] = args.real_runs
        measure_real(args, result)
        result["machine"]["load_average_end"] = os.getloadavg()
        return result
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
    measure_real(args, result)
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


def real_cells(b: dict[str, Any]) -> Cells:
    v, naive, correct = b["value"], b["baseline"], b["correct_facts"]
    right = ("", "") if correct is None else (
        f", {correct['ours']}/{correct['truth']} correct",
        f", {correct['naive']} correct (generous)",
    )  # fmt: skip
    return (
        f"{v['s']:.1f} s, {v['pages_per_s']:.1f} p/s, {v['documents_per_min']:.1f} d/min, "
        f"{v['facts']} facts{right[0]}",
        f"naive {naive['s']:.1f} s, {naive['pages_per_s']:.1f} p/s, {naive['facts']} numeric "
        f"cells{right[1]}",
        f"{b['ratio_naive_over_ours']:.1f}x naive/ours (>= {GOAL_RATIO:g}x)",
    )


def one_real_cells(f: dict[str, Any]) -> Cells:
    naive = f["baseline"]["s"]
    return (
        f"{f['value']['s']:.1f} s ({f['pages']} pages, {f['value']['pages_per_s']:.1f} p/s)",
        "" if naive is None else f"naive read_pdf {naive:.1f} s (in-process)",
        "context",
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
    rows = [row(f"batch {n}", b, batch_cells) for n, b in result.get("batches", {}).items()]
    if "corpus_real" in result:
        rows.append(row("batch corpus_real", result["corpus_real"], real_cells))
    facts = result.get("identical_facts", {})
    rows += [row(f"facts {n}", f, identical_cells) for n, f in facts.items()]
    if "corpus60" in result:
        rows.append(row("corpus60 fresh", result["corpus60"]["fresh"], fresh_cells))
        rerun = seconds_cells("fresh", GOAL_RERUN_S)
        rows.append(row("corpus60 rerun", result["corpus60"]["rerun"], rerun))
    one = seconds_cells("naive", GOAL_ONE_DOCUMENT_S)
    if "one_document" in result:
        rows.append(row("one document", result["one_document"], one))
    if "one_document_real" in result:
        rows.append(row("one real document", result["one_document_real"], one_real_cells))
    if "imports" in result:
        rows.append(row("  imports", result["imports"], imports_cells))
    for name, cells in (("validation", validation_cells), ("marts", marts_cells)):
        if name in result:
            rows.append(row(name, result[name], cells))
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
    parser.add_argument(
        "--real-runs", type=int, default=1, help="runs of the corpus-real figure (0: skip it)"
    )
    parser.add_argument("--real-only", action="store_true", help="only the corpus-real figure")
    parser.add_argument("--out", type=Path, help="default results/latest.json (quick: .cache/)")
    args = parser.parse_args()
    if args.quick:
        args.runs = 1
    default = BENCH / "results/latest.json"
    if args.quick or args.real_only:
        default = CACHE / ("quick.json" if args.quick else "real.json")
    out = args.out or default
    result = measure(args)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    report(result, out)


if __name__ == "__main__":
    main()
