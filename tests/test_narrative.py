"""Narrative figures: the sentence parser on tricky strings, line/page joining, and every figure
of the reference disclosure's 情况说明 (plus generated samples' truth when they carry it)."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

from pipelines.extract.grids import Grid
from pipelines.extract.narrative import (
    narrative_facts,
    narrative_lines,
    parse_sentence,
    sentences,
)
from pipelines.extract.pdf_text import PageText, TextLine, open_pdf, read_pages
from pipelines.text import join_words as squeeze

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "samples"
REFERENCE = SAMPLES / "d323_2022_budget.pdf"
FIXTURES = Path(__file__).parent / "fixtures" / "narrative"

# The reference disclosure's 情况说明, figure by figure (万元; yoy_change_pct in %).
REFERENCE_FACTS = {
    "total_income": "11106.23",
    "general_budget_income": "1556.23",
    "gov_fund_income": "9550",
    "special_account_income": "0",
    "other_income": "0",
    "total_expenditure": "11106.23",
    "basic_expenditure": "0.58",
    "public_expenditure": "0.58",
    "project_expenditure": "11105.65",
    "yoy_change": "-1632.01",
    "operating_cost": "0.58",
    "three_public_total": "0",
    "outbound_travel": "0",
    "vehicle_total": "0",
    "vehicle_purchase": "0",
    "vehicle_operation": "0",
    "reception": "0",
    "procurement_total": "0.00",
    "fixed_assets_total": "42.77",
    "planned_asset_purchase": "0.00",
}


def facts_of(sentence: str) -> dict[str, Decimal | float | None]:
    """fact_key → amount_wan (or value for a percentage) of one sentence."""
    out: dict[str, Decimal | float | None] = {}
    for f in parse_sentence(sentence):
        out.setdefault(f.fact_key, f.value if f.unit == "%" else f.amount_wan)
    return out


def page(number: int, texts: list[str], top: float = 100.0, step: float = 9.0) -> PageText:
    """A text page whose lines sit ``step`` points apart (7-point lines: wrapped text)."""
    lines = [TextLine(t, top + i * step, top + i * step + 7, 55.0) for i, t in enumerate(texts)]
    return PageText(number, 595.0, 842.0, lines, ruled=False)


# --- the sentence parser ----------------------------------------------------------------------


def sentence_cases() -> list[tuple[str, dict[str, Decimal | float]]]:
    """tests/fixtures/narrative/sentences.json: sentence → facts (万元 as strings, % as numbers)."""
    cases = json.loads((FIXTURES / "sentences.json").read_text())
    return [
        (c["sentence"], {k: expected_value(k, v) for k, v in c["facts"].items()}) for c in cases
    ]


def expected_value(key: str, value: str | float) -> Decimal | float:
    return float(value) if key.endswith("_pct") else Decimal(value)


@pytest.mark.parametrize(("sentence", "expected"), sentence_cases())
def test_parse_sentence(sentence: str, expected: dict[str, object]) -> None:
    assert facts_of(sentence) == expected


def test_parse_sentence_units_and_offsets() -> None:
    sentence = "2022年收支总计11106.23万元，减少1632.01万元，减少15%。"
    change, pct = parse_sentence(sentence)  # 收支总计 is both sides: the subject, no fact
    assert sentence[change.offset :].startswith("1632.01")
    assert (change.unit, change.value) == ("万元", None)
    assert (pct.fact_key, pct.unit, pct.value) == ("yoy_change_pct", "%", -15)
    assert pct.amount_wan == Decimal(-15)  # the one figure column consumers read, exact


def test_yuan_converts_exactly() -> None:
    (fact,) = parse_sentence("2023年预算收入1,234,567.89元。")
    assert fact.amount_wan == Decimal("123.456789") and fact.unit == "元"


def test_squeeze_undoes_pdfium_spacing() -> None:
    assert squeeze("2022 年预算收入 11106.23 万元") == "2022年预算收入11106.23万元"
    assert squeeze("达到 9 0 % 以上") == "达到90%以上"
    assert squeeze("1 、收入说明") == "1、收入说明"
    assert squeeze("纳税额 不 低于 0 .48 亿元") == "纳税额不低于0.48亿元"
    assert squeeze("Windows 10 系统") == "Windows 10系统"


# --- lines and pages → sentences ----------------------------------------------------------------


def test_sentence_wrapped_across_lines_and_pages() -> None:
    pages = [
        page(
            5,
            [
                "石家庄某单位 2022 年部门预算信息公开情况说明",
                "二、部门预算安排的总体情况",
                "1 、收入说明",
                "2022 年预算收入 11106.23 万元，其中，一般公共预算收入 15",
            ],
        ),
        page(6, ["56.23 万元，基金预算收入 9550 万元。"]),
    ]
    frame = narrative_facts(pages).set_index("fact_key")
    assert frame.loc["general_budget_income", "amount_wan"] == Decimal("1556.23")
    assert frame.loc["general_budget_income", "page"] == 5  # where its number starts
    assert frame.loc["gov_fund_income", "page"] == 6
    assert frame.loc["gov_fund_income", "source_sentence"].endswith("基金预算收入9550万元。")


def placed(number: int, rows: list[tuple[float, str]], glyph: float = 8.0) -> PageText:
    """A page with lines at given tops; ``glyph`` is the text box height pdfium reports."""
    lines = [TextLine(text, top, top + glyph, 57.0) for top, text in rows]
    return PageText(number, 595.0, 842.0, lines, ruled=False)


def test_percentage_wrapped_over_a_page_break_with_footer_and_running_header() -> None:
    """Word-processor layout: 22 pt line pitch, 8 pt glyph boxes, page furniture between."""
    header = "某单位 2022 年部门预算信息公开"
    pages = [
        placed(
            18,
            [
                (30, header),
                (60, "情况说明"),
                (93, "3 、比上年增减情况"),
                (126, "2022 年度预算收支安排 11106.23 万元，与 2021 年预算相比，收、支总计共"),
                (148, "减少 1632.01 万元，减少"),
                (800, "- 18 -"),
            ],
        ),
        placed(19, [(30, header), (70, "15% 。主要原因是项目减少。"), (800, "- 19 -")]),
    ]
    frame = narrative_facts(pages).set_index("fact_key")
    pct = frame.loc["yoy_change_pct"]
    assert (pct["value"], pct["page"]) == (-15.0, 19)
    assert frame.loc["yoy_change", "amount_wan"] == Decimal("-1632.01")
    assert pct["source_sentence"].endswith("减少1632.01万元，减少15%。")
    assert "部门预算信息公开" not in pct["source_sentence"] and "-" not in pct["source_sentence"]


def test_label_and_figure_on_consecutive_lines_of_a_spaced_layout() -> None:
    rows = [
        (60, "情况说明"),
        (93, "2 、支出说明"),
        (126, "2022 年支出预算 1082.66 万元，其中：基本⽀出"),
        (148, "722.16 万元，包括人员经费 609.76 万元、日常公用经费 112.40 万元；项目⽀出"),
        (170, "360.50 万元，主要为运行维护等支出。"),
        (203, "1 、收入说明"),
        (236, "2022 年预算收入 1082.66 万元，其中，一般公共预算收入 1082.66 万元，基"),
        (258, "金预算收入 0.00 万元。"),
    ]
    frame = narrative_facts([placed(13, rows)]).set_index("fact_key")["amount_wan"]
    assert frame["basic_expenditure"] == Decimal("722.16")
    assert frame["project_expenditure"] == Decimal("360.50")
    assert frame["gov_fund_income"] == Decimal(0)


def test_block_gap_keeps_text_before_and_after_a_table_apart() -> None:
    rows = [
        (60, "情况说明"),
        (93, "2022 年，安排政府采购预算 54.40 万元。"),
        (115, "具体内容见下表"),
        (137, "部门政府采购预算"),
        (500, "合计 54.40 万元，其中货物 20 万元。"),
        (522, "本年度拟购置固定资产总额为 9.40 万元。"),
    ]
    texts = [s.text for s in sentences(narrative_lines([placed(15, rows)]))]
    assert "合计54.40万元，其中货物20万元。" in texts
    assert "具体内容见下表部门政府采购预算" in texts


def test_toc_with_leaders_on_their_own_lines_is_no_start() -> None:
    toc = [(100, "2022 年部门预算信息公开目录")]
    for i, title in enumerate(
        ["部门预算收支总表 3", "部门预算收入总表 6", "部门预算信息公开情况说明 18"]
    ):
        toc += [(130 + 22 * i, title), (139 + 22 * i, ".....")]
    table = [(60, "部门预算收支总表"), (90, "收入总计 11106.23 万元 支出总计 11106.23 万元")]
    body = [(60, "部门预算信息公开情况说明"), (93, "2022 年预算收入 100 万元。")]
    pages = [placed(1, toc), placed(3, table), placed(18, body)]
    frame = narrative_facts(pages)
    assert frame["fact_key"].tolist() == ["total_income"]
    assert frame["amount_wan"].iloc[0] == Decimal(100)


def test_heading_does_not_leak_into_the_next_sentence() -> None:
    pages = [page(3, ["情况说明", "3 、比上年增减情况", "2022 年度预算收支安排 100 万元。"])]
    texts = [s.text for s in sentences(narrative_lines(pages))]
    assert texts == ["3、比上年增减情况", "2022年度预算收支安排100万元。"]


def test_list_item_wrapped_after_its_amount_stays_one_sentence() -> None:
    pages = [page(3, ["情况说明", "1 、因公出国（境）预算 0 万元", "，较上年无变化。"])]
    (fact,) = narrative_facts(pages).itertuples()
    assert fact.fact_key == "outbound_travel"
    assert fact.source_sentence == "1、因公出国（境）预算0万元，较上年无变化。"


def test_toc_definitions_and_performance_prose_are_skipped() -> None:
    toc = page(
        1,
        [f"{n}、某节 .................... {n + 17}" for n in range(1, 5)]
        + ["部门预算信息公开情况说明", "收入总计 99 万元。"],
    )
    body = page(
        2,
        [
            "情况说明",
            "一、总体情况",
            "2022年预算收入 10 万元。",
            "五、预算绩效信息",
            "营业收入不低于 8 亿元，其他收入 3 万元。",
            "八、名词解释",
            "1 、基本支出：指为保障机构正常运转的支出 5 万元。",
            "九、其他需要说明的事项",
        ],
    )
    frame = narrative_facts([toc, body])
    assert frame["fact_key"].tolist() == ["total_income"]
    assert frame["amount_wan"].iloc[0] == Decimal(10)


def test_lines_inside_grids_are_skipped() -> None:
    body = page(
        2,
        ["情况说明", "七、国有资产信息", "上年末固定资产金额为 42.77 万元。", "资产总额 50 万元"],
        step=20.0,
    )
    grid = Grid(2, 155.0, 180.0, [["资产总额", "50"]], [[(0, 0), (0, 1)]])
    assert narrative_facts([body], [grid])["fact_key"].tolist() == ["fixed_assets_total"]


def test_empty_document_gives_typed_empty_frame() -> None:
    frame = narrative_facts([page(1, [])])
    assert frame.empty and str(frame["amount_wan"].dtype).startswith("decimal")


# --- the reference disclosure ---------------------------------------------------------------


@pytest.fixture(scope="module")
def reference_facts() -> pd.DataFrame:
    return narrative_facts(read_pages(open_pdf(REFERENCE)))


def test_reference_figures(reference_facts: pd.DataFrame) -> None:
    money = reference_facts[reference_facts["unit"] != "%"].set_index("fact_key")["amount_wan"]
    assert {k: Decimal(str(v)) for k, v in money.items()} == {
        k: Decimal(v) for k, v in REFERENCE_FACTS.items()
    }
    pct = reference_facts.set_index("fact_key").loc["yoy_change_pct"]
    assert (pct["value"], pct["unit"], pct["page"]) == (-15.0, "%", 19)


def test_reference_sentences_contain_their_numbers(reference_facts: pd.DataFrame) -> None:
    for row in reference_facts.itertuples():
        number = f"{abs(row.value):g}" if row.unit == "%" else REFERENCE_FACTS[row.fact_key]
        assert number.lstrip("-") in row.source_sentence, row.fact_key
        assert " " not in row.source_sentence


def test_reference_performance_prose_gives_no_facts(reference_facts: pd.DataFrame) -> None:
    assert not reference_facts["source_sentence"].str.contains("绩效|以上").any()
    assert reference_facts["fact_key"].is_unique


# --- generated samples with narrative truth -------------------------------------------------


def narrative_truths() -> list[Path]:
    return sorted(
        p for p in SAMPLES.glob("*.truth.json") if "narrative_facts" in json.loads(p.read_text())
    )


@pytest.mark.parametrize("truth_path", narrative_truths(), ids=lambda p: p.name)
def test_generated_sample_narrative(truth_path: Path) -> None:
    pdf = truth_path.with_name(truth_path.name.replace(".truth.json", ".pdf"))
    if not pdf.exists():
        pytest.skip(f"{pdf.name} not rendered")
    frame = narrative_facts(read_pages(open_pdf(pdf))).set_index("fact_key")
    for fact in json.loads(truth_path.read_text())["narrative_facts"]:
        key = fact["fact_key"]
        assert key in frame.index, f"{key} missing ({fact.get('sentence')})"
        if fact.get("amount_wan") is not None:
            assert Decimal(str(frame.loc[key, "amount_wan"])) == Decimal(str(fact["amount_wan"]))
        else:
            assert frame.loc[key, "value"] == pytest.approx(float(fact["value"]))
        if fact.get("sentence"):
            printed, ours = "".join(fact["sentence"].split()), frame.loc[key, "source_sentence"]
            assert printed in ours or ours in printed, key
