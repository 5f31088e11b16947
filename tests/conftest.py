"""Shared fixtures: the reference disclosure is extracted once per test session."""

from __future__ import annotations

import os
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
import redis
from pypdf import PdfReader, PdfWriter
from pypdf.generic import StreamObject

from pipelines.extract.document import ExtractedDocument, extract_document
from pipelines.ingest import ingest_file
from pipelines.warehouse import connect
from pipelines.warehouse.marts import refresh_marts

# Command-line runs started by tests (and their subprocesses) record nothing in the repository's
# .dagster_home, which is what `make dev` shows; a test that checks recording sets its own home.
os.environ.setdefault("PIPELINES_DAGSTER_EPHEMERAL", "1")

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "data/samples"
REFERENCE_PDF = SAMPLES / "d323_2022_budget.pdf"
BAD_FIXTURES = ROOT / "tests/fixtures/bad"
GOOD_FIXTURES = BAD_FIXTURES / "good"  # small disclosures that load (one unit each)
IDENTITY_FIXTURES = ROOT / "tests/fixtures/identity"
REAL = ROOT.parent / "shared/corpus-real"  # published disclosures, beside the repository


def require_corpus() -> None:
    """Skip a test of the published corpus where it is absent, but never on CI."""
    if not (REAL / "pdf").is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"{REAL} is missing: CI must read the published corpus")
        pytest.skip(f"{REAL} is not on this machine")


@pytest.fixture(scope="session")
def reference_document() -> ExtractedDocument:
    return extract_document(REFERENCE_PDF)


@pytest.fixture(scope="session")
def samples_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One warehouse of every bundled sample per test session (extracting and validating the
    9 PDFs in process takes ~30 s on 2 cores); open it read-only, never write to it."""
    path = tmp_path_factory.mktemp("samples") / "warehouse.duckdb"
    con = connect(path)
    try:
        for pdf in sorted(SAMPLES.glob("*.pdf")):
            result = ingest_file(con, pdf)
            assert result.status != "quarantined", result.error
        refresh_marts(con)  # the mart tables, as a batch's end refreshes them
    finally:
        con.close()
    return path


def free_port() -> int:
    """A loopback port nothing listens on (the OS picks it)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A Redis server of the test's own (Debian's redis-server, which `scripts/setup.sh
    --render` installs) on a free loopback port, nothing persisted, stopped afterwards."""
    folder = tmp_path_factory.mktemp("redis")
    port = free_port()
    command = ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", ""]
    command += ["--appendonly", "no", "--dir", str(folder)]
    with (folder / "redis.log").open("wb") as log:
        server = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    url = f"redis://127.0.0.1:{port}/0"
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                redis.Redis.from_url(url).ping()
                break
            except redis.ConnectionError:
                assert server.poll() is None, (folder / "redis.log").read_text()
                assert time.monotonic() < deadline, "redis-server did not answer in 20 s"
                time.sleep(0.05)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=20)


# The reference document's validation frames (tests/validation_frames.py builds them),
# for tests that validate several variants of it side by side.
@pytest.fixture(scope="session")
def reference_facts_frame() -> pd.DataFrame:
    """The reference disclosure's facts as printed (its ground truth)."""
    from validation_frames import printed_reference_facts

    return printed_reference_facts()


@pytest.fixture(scope="session")
def reference_narrative_frame() -> pd.DataFrame:
    """The figures the reference disclosure's 情况说明 states, as core.narrative_facts rows."""
    from validation_frames import reference_narrative

    return reference_narrative()


@pytest.fixture(scope="session")
def previous_year_frame() -> pd.DataFrame:
    """A hand-built previous year (table 1 only) of the reference disclosure's unit."""
    from validation_frames import previous_year_facts

    return previous_year_facts()


def damaged_copy(source, out, page_index: int = 4):
    """The file with one page's content stream emptied (its table rows lost), same metadata."""
    reader = PdfReader(source)
    writer = PdfWriter(clone_from=reader)
    writer.pages[page_index].replace_contents(StreamObject())
    writer.write(out)
    return out
