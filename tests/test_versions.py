"""The version policy: evidence, not arrival order, decides which version is current; a
damaged or uncorrected version never silently replaces a good one; promote is recorded."""

from __future__ import annotations

import itertools
import subprocess
import sys
from datetime import date, datetime

import duckdb
import pytest
from conftest import ROOT, SAMPLES, damaged_copy

from pipelines.ingest import ingest_file
from pipelines.warehouse import connect
from pipelines.warehouse.marts import refresh_marts
from pipelines.warehouse.versions import Version, promote, verdicts

T0 = datetime(2026, 11, 30, 8, 0)
BROKEN = frozenset({("within_table", "total_equals_parts", "income_summary", "合计")})


def version(name: str, published: date | None, minute: int, failed=frozenset(), pinned=None):
    return Version(name, published, T0.replace(minute=minute), pinned, failed)


def statuses(*versions: Version) -> dict[str, str]:
    return {doc: status for doc, (status, _) in verdicts(versions).items()}


def test_the_newest_publication_is_current_whatever_arrived_last():
    original = version("original", date(2023, 2, 10), minute=30)  # arrived after its correction
    correction = version("correction", date(2023, 3, 10), minute=1)
    assert statuses(original, correction) == {"correction": "loaded", "original": "superseded"}


def test_a_newer_version_failing_checks_the_current_passes_waits_as_candidate():
    good = version("good", date(2023, 2, 10), minute=1)
    damaged = version("damaged", date(2023, 3, 10), minute=2, failed=BROKEN)
    assert statuses(good, damaged) == {"good": "loaded", "damaged": "candidate"}


def test_a_correction_that_fixes_a_failure_wins():
    flawed = version("flawed", date(2023, 2, 10), minute=1, failed=BROKEN)
    fixed = version("fixed", date(2023, 3, 10), minute=2)
    assert statuses(flawed, fixed) == {"fixed": "loaded", "flawed": "superseded"}


def test_without_dates_ingest_time_is_the_last_resort():
    first, second = version("first", None, minute=1), version("second", None, minute=2)
    assert statuses(first, second) == {"second": "loaded", "first": "superseded"}


def test_a_pin_holds_against_newer_versions():
    pinned = version("pinned", date(2023, 2, 10), minute=1, pinned=T0)
    newer = version("newer", date(2023, 3, 10), minute=2)
    assert statuses(pinned, newer) == {"pinned": "loaded", "newer": "candidate"}


MARTS = (
    "department_year_totals", "yoy_by_function_class", "three_public_trend",
    "basic_expenditure_composition", "dq_scoreboard", "narrative_vs_tables", "failed_checks",
)  # fmt: skip
ORDER_FREE_VERSION_COLUMNS = (
    "unit_key, fiscal_year, doc_kind, doc_version, document_id, status, published_at, "
    "supersedes, superseded_by, fact_count"
)
BATCH = sorted(SAMPLES.glob("*.pdf"))  # all nine, the correction d118_2023 v2 among them


def mart_contents(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple]]:
    out = {}
    for mart in MARTS:  # run ids and clock times are the only things allowed to differ
        columns = [c for c in con.execute(f"select * from mart.{mart} limit 0").df().columns]
        kept = ", ".join(c for c in columns if c != "run_id" and not c.endswith("_at"))
        out[mart] = con.execute(f"select {kept} from mart.{mart} order by all").fetchall()
    versions = f"select {ORDER_FREE_VERSION_COLUMNS} from mart.document_versions order by all"
    out["document_versions"] = con.execute(versions).fetchall()
    return out


@pytest.mark.slow
def test_ingest_order_does_not_change_the_marts(tmp_path, samples_warehouse):
    """The session's warehouse ingested the samples sorted by name (original before its
    correction); here they arrive reversed (correction first) and interleaved."""
    orders = [BATCH[::-1], BATCH[1::2] + BATCH[0::2]]
    with duckdb.connect(str(samples_warehouse), read_only=True) as con:
        results = [mart_contents(con)]
    for n, order in enumerate(orders):
        con = connect(tmp_path / f"order{n}.duckdb")
        for path in order:
            assert ingest_file(con, path).status in ("loaded", "superseded"), path.name
        refresh_marts(con)
        results.append(mart_contents(con))
        current = con.execute(
            "select file_name from core.documents where unit_key = '118' and fiscal_year = 2023 "
            "and status = 'loaded'"
        ).fetchall()
        assert current == [("d118_2023_budget_v2.pdf",)], n
        con.close()
    for a, b in itertools.pairwise(results):
        for mart in a:
            assert a[mart] == b[mart], mart


@pytest.mark.slow
def test_promote_makes_a_version_current_and_is_recorded(tmp_path):
    con = connect(tmp_path / "w.duckdb")
    for path in (SAMPLES / "d118_2023_budget.pdf", SAMPLES / "d118_2023_budget_v2.pdf"):
        ingest_file(con, path)
    original = con.execute(
        "select document_id from core.documents where file_name = 'd118_2023_budget.pdf'"
    ).fetchone()[0]
    dropped = promote(con, original, "auditor", "the correction was withdrawn")
    rows = dict(con.execute("select file_name, status from core.documents").fetchall())
    assert rows == {"d118_2023_budget.pdf": "loaded", "d118_2023_budget_v2.pdf": "candidate"}
    assert len(dropped) == 1
    event = con.execute(
        "select actor, reason from core.version_events where action = 'promote'"
    ).fetchall()
    assert event == [("auditor", "the correction was withdrawn")]
    with pytest.raises(ValueError, match="no document"):
        promote(con, "0" * 64, "auditor", "typo")
    con.close()
    # The same through the command line, with the shortened id people see in `versions`.
    warehouse = str(tmp_path / "w.duckdb")
    listed = cli("versions", "118", "2023", "--warehouse", warehouse)
    correction = next(line.split()[2] for line in listed.splitlines() if "_v2" in line)
    promoted = cli("promote", correction, "--reason", "re-checked", "--warehouse", warehouse)
    assert f"{correction} is now current" in promoted
    after = cli("versions", "118", "2023", "--warehouse", warehouse)
    assert next(line for line in after.splitlines() if "_v2" in line).split()[1] == "loaded"


def cli(*args: str) -> str:
    run = subprocess.run(
        [sys.executable, "-m", "pipelines", *args], cwd=ROOT, capture_output=True, text=True,
        timeout=300,
    )  # fmt: skip
    assert run.returncode == 0, run.stdout + run.stderr
    return run.stdout


@pytest.mark.slow
def test_a_damaged_newer_version_never_replaces_the_good_one(tmp_path):
    good = SAMPLES / "d118_2023_budget.pdf"
    damaged = damaged_copy(SAMPLES / "d118_2023_budget_v2.pdf", tmp_path / "d118_2023_v2_bad.pdf")
    for n, order in enumerate(([good, damaged], [damaged, good])):
        con = connect(tmp_path / f"w{n}.duckdb")
        for path in order:
            ingest_file(con, path)
        rows = dict(con.execute("select file_name, status from core.documents").fetchall())
        assert rows == {good.name: "loaded", damaged.name: "candidate"}, order
        con.close()
