"""Ingest speed on this machine, side by side with the naive baseline, in one run.

    .venv/bin/python benchmarks/bench_ingest.py [--runs 3] [--samples data/samples]

Per run and per PDF: plain ``camelot.read_pdf(path, pages="all")`` (the naive baseline) next
to our path split into stages (pdfium text triage, camelot on ruled pages, assembly,
normalization, GX validation, DuckDB load). Reports medians, pages/s, documents/min and the
baseline/ours ratio; writes benchmarks/results/latest.json.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
import warnings
from pathlib import Path

import camelot

from pipelines.ingest import extract_frames, load_frames
from pipelines.warehouse import connect

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT / "data/samples/d323_2022_budget.pdf"


def naive_seconds(pdf: Path) -> float:
    clock = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        camelot.read_pdf(str(pdf), pages="all")
    return time.perf_counter() - clock


def ours_seconds(pdf: Path, warehouse: Path) -> dict[str, float]:
    clock = time.perf_counter()
    frames = extract_frames(pdf)
    with connect(warehouse) as con:
        load_frames(con, frames)
    stages = dict(frames.seconds)
    stages["total"] = time.perf_counter() - clock
    return stages


def median_stages(runs: list[dict[str, float]]) -> dict[str, float]:
    return {k: statistics.median(r[k] for r in runs) for k in runs[0]}


def bench_reference(runs: int) -> dict:
    pages = extract_frames(REFERENCE).meta.pages  # also warms imports and caches
    naive, ours = [], []
    for _ in range(runs):
        naive.append(naive_seconds(REFERENCE))
        with tempfile.TemporaryDirectory() as tmp:
            ours.append(ours_seconds(REFERENCE, Path(tmp) / "w.duckdb"))
    med, naive_med = median_stages(ours), statistics.median(naive)
    extraction = med["pdf_text"] + med["camelot"] + med["assemble"]
    return {
        "pdf": REFERENCE.name,
        "pages": pages,
        "runs": runs,
        "naive_camelot_all_pages_s": naive_med,
        "ours_s": med,
        "ratio_naive_over_ours_extraction": naive_med / extraction,
        "pages_per_s_naive": pages / naive_med,
        "pages_per_s_ours": pages / med["total"],
    }


def bench_samples(folder: Path, runs: int) -> dict:
    pdfs = sorted(folder.glob("*.pdf"))
    totals = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as tmp:
            clock = time.perf_counter()
            with connect(Path(tmp) / "w.duckdb") as con:
                for pdf in pdfs:
                    load_frames(con, extract_frames(pdf))
            totals.append(time.perf_counter() - clock)
    med = statistics.median(totals)
    return {
        "documents": len(pdfs),
        "runs": runs,
        "median_s": med,
        "documents_per_min": len(pdfs) / med * 60,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--samples", type=Path, default=ROOT / "data/samples")
    parser.add_argument("--sample-runs", type=int, default=1, help="runs over the sample set")
    args = parser.parse_args()
    result = {
        "reference": bench_reference(args.runs),
        "samples": bench_samples(args.samples, args.sample_runs),
    }
    out = ROOT / "benchmarks/results/latest.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n")
    ref = result["reference"]
    print(f"reference PDF ({ref['pages']} pages), median of {ref['runs']} runs:")
    print(
        f"  naive camelot pages='all': {ref['naive_camelot_all_pages_s']:.2f} s "
        f"({ref['pages_per_s_naive']:.2f} pages/s)"
    )
    for stage, seconds in ref["ours_s"].items():
        print(f"  ours {stage:>10}: {seconds:.2f} s")
    print(
        f"  ratio naive/ours (extraction): {ref['ratio_naive_over_ours_extraction']:.2f}x; "
        f"ours end to end {ref['pages_per_s_ours']:.2f} pages/s"
    )
    s = result["samples"]
    print(
        f"sample set: {s['documents']} documents, median {s['median_s']:.1f} s "
        f"= {s['documents_per_min']:.1f} documents/min"
    )


if __name__ == "__main__":
    main()
