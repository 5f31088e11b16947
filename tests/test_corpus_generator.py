"""The corpus generator: deterministic, consistent by construction, and every format variant
prints what it promises (checked on real PDFs rendered by LibreOffice)."""

from __future__ import annotations

import json
import random
import re
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader

from testkit.consistency import check_disclosure
from testkit.corpus_set import corpus
from testkit.generate import generate_disclosure
from testkit.model import Disclosure, FamilyTable
from testkit.reading import document_total, table
from testkit.reference_d323 import UNIT_NAME, reference_disclosure
from testkit.render import render_many
from testkit.render_family import format_amount
from testkit.truth import truth_facts, write_truth
from testkit.variants import PRESETS, Variant

NAME = "石家庄正定新区社会事业局"
NARRATIVE_KEYS = {
    "total_income",
    "general_budget_income",
    "gov_fund_income",
    "total_expenditure",
    "basic_expenditure",
    "project_expenditure",
    "yoy_change",
    "yoy_change_pct",
    "operating_cost",
    "three_public_total",
    "outbound_travel",
    "vehicle_total",
    "vehicle_purchase",
    "vehicle_operation",
    "reception",
    "procurement_total",
    "fixed_assets_total",
}


def squash(text: str) -> str:
    return "".join(text.split())


# --- the model: pure Python, fast ----------------------------------------------------------


def test_same_seed_same_model_and_another_seed_other_numbers() -> None:
    one = generate_disclosure("207", NAME, 2022, seed=5, variant=PRESETS["zeros"])
    assert one == generate_disclosure("207", NAME, 2022, seed=5, variant=PRESETS["zeros"])
    other = generate_disclosure("207", NAME, 2022, seed=6, variant=PRESETS["zeros"])
    assert document_total(other) != document_total(one)


def test_variant_changes_the_print_not_the_numbers() -> None:
    plain = truth_facts(generate_disclosure("207", NAME, 2022, seed=3))
    yuan = truth_facts(generate_disclosure("207", NAME, 2022, seed=3, variant=PRESETS["yuan"]))
    assert plain["amount_wan"].tolist() == yuan["amount_wan"].tolist()


@pytest.mark.parametrize("seed", range(60))
def test_every_identity_holds(seed: int) -> None:
    variant = Variant.random(random.Random(seed))
    kind = "final_accounts" if seed % 3 == 0 else "budget"
    first = generate_disclosure(str(100 + seed), NAME, 2022, kind, seed, variant)
    second = generate_disclosure(str(100 + seed), NAME, 2023, kind, seed, variant, first)
    assert check_disclosure(first) == []
    assert check_disclosure(second, previous=first) == []


def test_checker_sees_a_broken_identity() -> None:
    doc = generate_disclosure("207", NAME, 2022, seed=1)
    item = table(doc, "expenditure_summary").rows[-1].items[None]
    item.amounts["合计"] += Decimal("0.01")
    problems = check_disclosure(doc)
    assert any(item.code in p for p in problems)


def test_the_reference_model_is_checked_too() -> None:
    """Tables 5 and 7 of the seed print their own 合计 rows (1556.23 and 9550.00)."""
    problems = check_disclosure(reference_disclosure())
    assert all("general_budget_expenditure" in p or "gov_fund_expenditure" in p for p in problems)


def test_richer_than_the_seed() -> None:
    for seed in range(20):
        doc = generate_disclosure("207", NAME, 2022, seed=seed)
        codes = [r.items[None].code for r in table(doc, "expenditure_summary").rows]
        assert 3 <= sum(1 for c in codes if c and len(c) == 3) <= 6
        assert any(c and len(c) == 7 for c in codes)
        economic = {r.items[None].code for r in table(doc, "general_budget_basic_expenditure").rows}
        assert {"301", "30101", "30102", "302", "30201"} <= economic
        assert table(doc, "three_public_expenditure").rows
        assert len(table(doc, "gov_procurement").rows) >= 3
        assert 3 <= len(doc.target_tables()) <= 6
        assert any(t.rows_per_page and len(t.rows_per_page) > 1 for t in doc.tables)


def test_own_income_and_carry_over_appear_across_seeds() -> None:
    seen: set[str] = set()
    for seed in range(20):
        doc = generate_disclosure("207", NAME, 2022, seed=seed)
        seen |= set(table(doc, "income_summary").rows[0].items[None].amounts)
    assert {"事业收入", "其他收入", "上年结转", "财政专户收入"} <= seen


def test_targets_use_every_comparator() -> None:
    texts = [
        i.target_text
        for seed in range(10)
        for t in generate_disclosure("207", NAME, 2022, seed=seed).target_tables()
        for i in t.indicators
    ]
    for pattern in ("≥", "≤", "=", "%", "人", "元", "次", "名", "户", "是/否"):
        assert any(pattern in t for t in texts), pattern
    runs = [i.level1 for i in generate_disclosure("207", NAME, 2022).target_tables()[0].indicators]
    assert runs[:4] == ["产出指标"] * 4


def test_narrative_states_every_key_in_its_sentence() -> None:
    doc = generate_disclosure("207", NAME, 2022, seed=2)
    facts = {f["fact_key"]: f for f in doc.narrative_facts}
    assert NARRATIVE_KEYS <= set(facts)
    text = "".join(b.text for b in doc.narrative if hasattr(b, "text"))
    for fact in facts.values():
        assert fact["sentence"] in text and fact["printed"] in fact["sentence"]


def test_year_over_year_against_the_previous_document() -> None:
    ref = reference_disclosure()
    doc = generate_disclosure("323", UNIT_NAME, 2023, seed=4, previous=ref)
    facts = {f["fact_key"]: f for f in doc.narrative_facts}
    change = Decimal(facts["yoy_change"]["amount_wan"])
    assert change == Decimal(document_total(doc) - document_total(ref)).scaleb(-2)
    assert check_disclosure(doc, previous=ref) == []


def test_a_fixed_total_keeps_the_reference_narrative_true() -> None:
    """2021 = 11106.23 + 1632.01, so the seed's stated decrease holds."""
    ref = reference_disclosure()
    doc = generate_disclosure(
        "323", UNIT_NAME, 2021, seed=4, template=ref, total_wan=Decimal("12738.24")
    )
    assert document_total(doc) - document_total(ref) == 163201
    codes = {r.items[None].code for r in table(doc, "expenditure_summary").rows}
    assert {"2080102", "2120805", "2121099"} <= codes  # the unit keeps its functional tree


def test_a_revision_changes_one_figure_consistently() -> None:
    first = generate_disclosure("118", NAME, 2023, seed=8)
    second = generate_disclosure("118", NAME, 2023, seed=8, revision=2)
    (fix,) = second.provenance["corrections"]
    assert check_disclosure(second) == []
    old, new = truth_facts(first), truth_facts(second)
    key = ["table_code", "side", "item_code", "item_name", "column_name"]
    changed = old.merge(new, on=key, how="outer")
    changed = changed[changed["amount_wan_x"] != changed["amount_wan_y"]]
    assert set(changed["item_code"].dropna()) <= {fix["item_code"][:n] for n in (3, 5, 7)}
    assert table(first, "general_budget_basic_expenditure") == table(
        second, "general_budget_basic_expenditure"
    )


def test_variants_are_expressed_in_the_model() -> None:
    def make(name: str, kind: str = "budget") -> Disclosure:
        return generate_disclosure("207", NAME, 2023, kind, seed=1, variant=PRESETS[name])

    assert make("yuan").unit == "元"
    assert make("year_titles").tables[0].title == "2023年部门预算收支总表"
    assert make("bare_titles").tables[0].title == "收支总表"
    assert make("seed_like", "final_accounts").tables[0].title == "部门决算收支总表"
    assert all(t.landscape for t in make("landscape").tables)
    zeros = make("zeros")
    assert not zeros.zero_as_blank
    assert (truth_facts(zeros)["amount_wan"] == 0).any()
    assert (truth_facts(make("seed_like"))["amount_wan"] != 0).all()
    assert not any(t.repeat_header for t in make("bare_continuation").tables)
    assert not make("no_toc").with_toc
    assert "general_budget_expenditure" in make("interlude").interludes
    words = {w for t in make("landscape").tables for w in t.label_words or []}
    assert words == {"档次"}


def test_corpus_set_covers_every_preset_and_chains_years() -> None:
    entries = corpus(seed=3, n_units=5, years=[2022, 2023], mode="all")
    assert set(PRESETS) <= {e.variant_name for e in entries}
    stems = [e.stem for e in entries]
    assert any(s.endswith("final_accounts") for s in stems)
    assert any(s.endswith("_v2") for s in stems)
    assert len(set(stems)) == len(stems)
    assert corpus(seed=4, n_units=1, years=[2023])[0].doc != entries[0].doc


# --- rendered PDFs: real LibreOffice ---------------------------------------------------------

RENDERED = {
    "yuan": ("budget", replace(PRESETS["yuan"], with_toc=False, repeat_header=False)),
    "final": ("final_accounts", replace(PRESETS["landscape"], print_zeros=True)),
    "year": ("budget", replace(PRESETS["year_titles"], interlude=True, unit_line="joined")),
    "bare": ("budget", replace(PRESETS["bare_titles"], unit_line="spaced")),
}


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Disclosure]]:
    out = tmp_path_factory.mktemp("corpus")
    docs = {
        name: (out / f"{name}.pdf", generate_disclosure("207", NAME, 2022, kind, 11, variant))
        for name, (kind, variant) in RENDERED.items()
    }
    render_many(dict(docs.values()))
    for pdf, doc in docs.values():
        write_truth(doc, pdf)
    return docs


def page_texts(pdf: Path) -> list[str]:
    return [p.extract_text() for p in PdfReader(pdf).pages]


def pages_of(t: FamilyTable) -> list[int]:
    first = t.first_page
    return list(range(first, first + len(t.rows_per_page or [0])))


@pytest.mark.slow
@pytest.mark.parametrize("name", RENDERED)
def test_every_fact_is_printed_on_its_page(rendered, name: str) -> None:
    pdf, doc = rendered[name]
    pages = [squash(t) for t in page_texts(pdf)]
    truth = json.loads(pdf.with_suffix(".truth.json").read_text(encoding="utf-8"))
    counts = {c.truth_name for t in doc.all_family_tables() for c in t.columns if c.role == "count"}
    for fact in truth_facts(doc).itertuples():
        if fact.column_name in counts:  # a count (数量) is printed as it is, never as money
            value = fact.amount_wan
            printed = str(int(value)) if value == int(value) else str(value)
        else:
            printed = format_amount(fact.amount_wan, doc.unit, zero_as_blank=False)
        assert printed in pages[fact.page - 1], (fact.table_code, fact.item_name, fact.column_name)
    for fact in truth["narrative_facts"]:
        assert squash(fact["sentence"]) in "".join(pages), fact["fact_key"]
    for target in truth["performance_targets"]:
        assert f"{target['seq']}、{target['project_name']}绩效目标表" in pages[target["page"] - 1]


@pytest.mark.slow
def test_yuan_document(rendered) -> None:
    pdf, doc = rendered["yuan"]
    texts = page_texts(pdf)
    assert "目录" not in texts[0] and "收支总表" in texts[0]  # no table of contents
    assert "单位：元" in texts[0] and doc.unit_line in texts[0]
    assert re.search(r"\d{1,3}(,\d{3})+\.\d\d", texts[0])
    assert re.search(r"\d{1,3}(,\d{3})+\.\d\d ?元", "".join(texts))  # the narrative states 元
    summary = table(doc, "income_expenditure_summary")
    continuation = texts[pages_of(summary)[1] - 1]
    assert "栏次" not in continuation and "档次" not in continuation
    assert "单位：元" not in continuation


@pytest.mark.slow
def test_final_accounts_landscape_with_zeros(rendered) -> None:
    pdf, doc = rendered["final"]
    texts = page_texts(pdf)
    assert "2022 年部门决算信息公开目录" in texts[0] and "...." in texts[0]
    joined = "".join(texts)
    assert "部门决算收支总表" in joined and "决算年度：2022" in joined and "决算数" in joined
    assert "预算年度" not in joined
    reader = PdfReader(pdf)
    for t in doc.tables:
        box = reader.pages[t.first_page - 1].mediabox
        assert box.width > box.height, t.code
    grants = texts[table(doc, "fiscal_grant_summary").first_page - 1]
    assert "0.00" in grants


@pytest.mark.slow
def test_year_titles_and_interlude(rendered) -> None:
    pdf, doc = rendered["year"]
    texts = page_texts(pdf)
    assert "2022年部门预算收支总表" in "".join(texts)
    assert f"{doc.dept_code}{doc.dept_name}" in texts[1]
    after5 = pages_of(table(doc, "general_budget_expenditure"))[-1] + 1
    assert "关于一般公共预算财政拨款" in texts[after5 - 1] and "栏次" not in texts[after5 - 1]
    assert table(doc, "general_budget_basic_expenditure").first_page == after5 + 1


@pytest.mark.slow
def test_bare_titles_spaced_unit_line_and_split_label(rendered) -> None:
    pdf, doc = rendered["bare"]
    texts = page_texts(pdf)
    summary = texts[table(doc, "income_expenditure_summary").first_page - 1]
    assert summary.startswith("收支总表") or "\n收支总表" in summary
    assert "部门预算收支总表" not in summary and f"{doc.dept_code} {doc.dept_name}" in summary
    split = [
        (t, r.items[None])
        for t in doc.tables
        for r in t.rows
        if r.items.get(None, None) and r.items[None].split_at
    ]
    assert split
    for t, item in split:
        index = next(i for i, r in enumerate(t.rows) if r.items.get(None) is item)
        page = t.row_pages[index]
        assert item.name[: item.split_at] in squash(texts[page - 1])
        assert item.name[item.split_at :] in squash(texts[page])
