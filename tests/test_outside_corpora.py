"""Disclosures made outside this project, scored by their own scripts (not by our code).

Each corpus folder holds ``pdf/``, ``truth/``, ``score_cells.py`` and ``score_narrative.py``
(see ../shared/corpus-dev/README.md). The dev corpus beside the repository is always scored;
``PIPELINES_SCORED_CORPORA`` (folders separated by ``os.pathsep``) adds others, so a corpus
with layouts the code has never seen is scored the same way.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

DEV_CORPUS = ROOT.parent / "shared/corpus-dev"
MIN_RECALL = MIN_PRECISION = 0.995


def corpora() -> list[Path]:
    extra = [Path(p) for p in os.environ.get("PIPELINES_SCORED_CORPORA", "").split(os.pathsep)]
    return [DEV_CORPUS, *(p for p in extra if str(p) not in ("", "."))]


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *map(str, args)], cwd=ROOT, capture_output=True, text=True, timeout=1800
    )


@pytest.fixture(scope="module", params=corpora(), ids=lambda p: p.name)
def scored_warehouse(request, tmp_path_factory) -> tuple[Path, Path]:
    corpus: Path = request.param
    if not (corpus / "pdf").is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"{corpus} is missing: CI must score the outside corpus")
        pytest.skip(f"{corpus} is not on this machine")
    warehouse = tmp_path_factory.mktemp(corpus.name) / "scored.duckdb"
    ingest = run("-m", "pipelines", "ingest", corpus / "pdf", "--warehouse", warehouse)
    print(ingest.stdout[-3000:])
    return corpus, warehouse


@pytest.mark.slow
def test_cells_match_the_outside_truth(scored_warehouse):
    corpus, warehouse = scored_warehouse
    scored = run(corpus / "score_cells.py", "--warehouse", warehouse)
    last = scored.stdout.strip().splitlines()[-1]
    m = re.search(r"recall=([\d.]+) precision=([\d.]+) docs=(\d+)/(\d+)", last)
    assert m, scored.stdout[-2000:] + scored.stderr[-2000:]
    recall, precision, loaded, docs = float(m[1]), float(m[2]), int(m[3]), int(m[4])
    assert loaded == docs, scored.stdout[-4000:]
    assert recall >= MIN_RECALL and precision >= MIN_PRECISION, scored.stdout[-4000:]


@pytest.mark.slow
def test_every_narrative_figure_matches(scored_warehouse):
    corpus, warehouse = scored_warehouse
    scored = run(corpus / "score_narrative.py", "--warehouse", warehouse)
    last = scored.stdout.strip().splitlines()[-1]
    m = re.search(r"matched=(\d+)/(\d+) docs=(\d+)/(\d+)", last)
    assert m, scored.stdout[-2000:] + scored.stderr[-2000:]
    assert m[1] == m[2] and m[3] == m[4], scored.stdout[-4000:]
