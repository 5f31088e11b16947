"""Validation speed: each document validated on its own vs the same documents as one batch.

    .venv/bin/python benchmarks/bench_validation.py [--documents 60] [--runs 3]

The sample PDFs are extracted once (not timed), then repeated under distinct document ids to
reach ``--documents``; each run times ``validate_document`` per document, then
``validate_documents`` over all of them. GX is imported and warmed before timing. Prints the
medians and their ratio; ``bench_validation()`` returns them as a dict for ``make bench``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from itertools import cycle, islice
from pathlib import Path

from pipelines.ingest import extract_frames
from pipelines.schema import DocumentMeta
from pipelines.validate import DocumentToValidate, validate_document, validate_documents

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "data/samples"


def sample_documents(folder: Path, count: int) -> list[DocumentToValidate]:
    """The samples' frames (with the previous year's facts where the samples have that year),
    repeated to ``count`` documents with distinct ids."""
    frames = [extract_frames(pdf) for pdf in sorted(folder.glob("*.pdf"))]
    by_year = {_year_key(f.meta, f.meta.fiscal_year): f.facts for f in frames}
    return [
        DocumentToValidate(
            f"{f.meta.document_id[:12]}-{n}",
            f.facts,
            f.narrative,
            by_year.get(_year_key(f.meta, f.meta.fiscal_year - 1)),
        )
        for n, f in enumerate(islice(cycle(frames), count))
    ]


def _year_key(meta: DocumentMeta, year: int) -> tuple[object, ...]:
    return (meta.unit_key, meta.doc_kind, year)


def one_by_one_seconds(documents: list[DocumentToValidate]) -> float:
    clock = time.perf_counter()
    for d in documents:
        validate_document(d.facts, d.narrative, d.previous_facts, document_id=d.document_id)
    return time.perf_counter() - clock


def batch_seconds(documents: list[DocumentToValidate]) -> float:
    clock = time.perf_counter()
    validate_documents(documents)
    return time.perf_counter() - clock


def bench_validation(
    folder: Path = SAMPLES, documents: int = 60, runs: int = 3
) -> dict[str, float | int]:
    """Median seconds of both ways over the same documents, and how many times faster a batch is."""
    batch = sample_documents(folder, documents)
    validate_documents(batch[:1])  # imports GX, builds its context and suites
    alone, together = [], []
    for _ in range(runs):
        alone.append(one_by_one_seconds(batch))
        together.append(batch_seconds(batch))
    one_by_one, at_once = statistics.median(alone), statistics.median(together)
    return {
        "documents": len(batch),
        "runs": runs,
        "one_by_one_s": one_by_one,
        "batch_s": at_once,
        "ratio_one_by_one_over_batch": one_by_one / at_once,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--samples", type=Path, default=SAMPLES)
    parser.add_argument("--documents", type=int, default=60)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    result = bench_validation(args.samples, args.documents, args.runs)
    print(
        f"validation of {result['documents']} documents, median of {result['runs']} runs: "
        f"one by one {result['one_by_one_s']:.1f} s, one batch {result['batch_s']:.1f} s "
        f"({result['ratio_one_by_one_over_batch']:.1f}x faster)"
    )
    print(json.dumps(result))


if __name__ == "__main__":
    main()
