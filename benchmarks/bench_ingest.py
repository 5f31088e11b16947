"""Ingest speed on this machine, side by side with the naive baseline, in one run.

    .venv/bin/python benchmarks/bench_ingest.py [--runs 3] [--samples data/samples]

Per run, on the reference PDF, interleaved so machine load hits all alike:
- naive: plain ``camelot.read_pdf(path, pages="all")`` (camelot's default raster+vector engine);
- naive_vector: the same with ``engine="vector"`` (what the engine alone buys);
- ours_raster: our path with the raster engine only (how it ran before the vector engine);
- ours: our path as shipped (pdfium triage, vector engine on ruled pages, raster fallback),
  split into stages (text triage, camelot, assembly, normalization, GX validation, DuckDB load).
Then the sample set end to end with ours. Reports medians, pages/s, documents/min and ratios;
writes benchmarks/results/latest.json.
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

from pipelines.extract.grids import ENGINES
from pipelines.ingest import extract_frames, load_frames
from pipelines.warehouse import connect

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT / "data/samples/d323_2022_budget.pdf"


def naive_seconds(pdf: Path, **options: str) -> float:
    clock = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        camelot.read_pdf(str(pdf), pages="all", **options)
    return time.perf_counter() - clock


def ours_seconds(pdf: Path, engines: tuple[str, ...] = tuple(ENGINES)) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        return ours_into(pdf, Path(tmp) / "w.duckdb", engines)


def ours_into(pdf: Path, warehouse: Path, engines: tuple[str, ...]) -> dict[str, float]:
    clock = time.perf_counter()
    frames = extract_frames(pdf, engines)
    with connect(warehouse) as con:
        load_frames(con, frames)
    stages = dict(frames.seconds)
    stages["total"] = time.perf_counter() - clock
    return stages


def median_stages(runs: list[dict[str, float]]) -> dict[str, float]:
    return {k: statistics.median(r[k] for r in runs) for k in runs[0]}


def extraction_seconds(stages: dict[str, float]) -> float:
    return stages["pdf_text"] + stages["camelot"] + stages["assemble"]


def bench_reference(runs: int) -> dict:
    pages = extract_frames(REFERENCE).meta.pages  # also warms imports and caches
    timings: dict[str, list] = {"naive": [], "naive_vector": [], "ours_raster": [], "ours": []}
    for _ in range(runs):
        timings["naive"].append(naive_seconds(REFERENCE))
        timings["naive_vector"].append(naive_seconds(REFERENCE, engine="vector"))
        timings["ours_raster"].append(ours_seconds(REFERENCE, ("combined",)))
        timings["ours"].append(ours_seconds(REFERENCE))
    naive, naive_vector = (statistics.median(timings[k]) for k in ("naive", "naive_vector"))
    raster, ours = (median_stages(timings[k]) for k in ("ours_raster", "ours"))
    return {
        "pdf": REFERENCE.name,
        "pages": pages,
        "runs": runs,
        "naive_camelot_all_pages_s": naive,
        "naive_camelot_all_pages_vector_s": naive_vector,
        "ours_raster_s": raster,
        "ours_s": ours,
        "ratio_naive_over_ours_extraction": naive / extraction_seconds(ours),
        "ratio_naive_vector_over_ours_extraction": naive_vector / extraction_seconds(ours),
        "ratio_ours_raster_over_ours_extraction": extraction_seconds(raster)
        / extraction_seconds(ours),
        "pages_per_s_naive": pages / naive,
        "pages_per_s_ours_extraction": pages / extraction_seconds(ours),
        "pages_per_s_ours": pages / ours["total"],
    }


def bench_samples(folder: Path, runs: int) -> dict:
    pdfs = sorted(folder.glob("*.pdf"))
    totals = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as tmp:
            clock = time.perf_counter()
            per_document = []
            with connect(Path(tmp) / "w.duckdb") as con:
                for pdf in pdfs:
                    start = time.perf_counter()
                    load_frames(con, extract_frames(pdf))
                    per_document.append(time.perf_counter() - start)
            totals.append((time.perf_counter() - clock, statistics.median(per_document)))
    med = statistics.median(t for t, _ in totals)
    return {
        "documents": len(pdfs),
        "runs": runs,
        "median_s": med,
        "median_s_per_document": statistics.median(d for _, d in totals),
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
    report(result)


def report(result: dict) -> None:
    ref = result["reference"]
    print(f"reference PDF ({ref['pages']} pages), median of {ref['runs']} runs:")
    print(
        f"  naive camelot pages='all': {ref['naive_camelot_all_pages_s']:.2f} s "
        f"({ref['pages_per_s_naive']:.2f} pages/s); engine='vector': "
        f"{ref['naive_camelot_all_pages_vector_s']:.2f} s"
    )
    for name in ("ours_raster_s", "ours_s"):
        stages = ", ".join(f"{k} {v:.2f}" for k, v in ref[name].items())
        print(f"  {name[:-2]:>11}: {stages} (s)")
    print(
        f"  extraction ratios: naive/ours {ref['ratio_naive_over_ours_extraction']:.1f}x, "
        f"naive vector/ours {ref['ratio_naive_vector_over_ours_extraction']:.1f}x, "
        f"ours raster/ours {ref['ratio_ours_raster_over_ours_extraction']:.1f}x; ours "
        f"{ref['pages_per_s_ours_extraction']:.1f} pages/s extraction, "
        f"{ref['pages_per_s_ours']:.1f} pages/s end to end"
    )
    s = result["samples"]
    print(
        f"sample set: {s['documents']} documents, median {s['median_s']:.1f} s "
        f"(median {s['median_s_per_document']:.2f} s per document) "
        f"= {s['documents_per_min']:.1f} documents/min"
    )


if __name__ == "__main__":
    main()
