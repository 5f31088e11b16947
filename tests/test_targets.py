"""Performance targets and the 机构设置 table: the 指标值 parser, continuation across pages, and
all thirteen target tables of the reference disclosure against its truth.json."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from pipelines.extract.grids import Grid, read_grids
from pipelines.extract.narrative import is_toc_page
from pipelines.extract.organisation import organisation_units
from pipelines.extract.pdf_text import PageText, TextLine, open_pdf, read_pages
from pipelines.extract.targets import Target, parse_target, performance_targets

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "samples"
REFERENCE = SAMPLES / "d323_2022_budget.pdf"
HEADER = ["一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值", "指标值确定依据"]


def read_document(pdf: Path) -> tuple[list[PageText], list[Grid]]:
    """Pages, and grids of the ruled 情况说明 pages (18, 24–32 in the reference): camelot runs
    only where target tables can be."""
    pages = read_pages(open_pdf(pdf))
    start = next(p.number for p in pages if "情况说明" in p.text and not is_toc_page(p))
    ruled = [p.number for p in pages if p.ruled and p.number >= start]
    return pages, read_grids(pdf, ruled, {p.number: p.height for p in pages})


@pytest.fixture(scope="module")
def reference() -> tuple[list[PageText], list[Grid]]:
    return read_document(REFERENCE)


@pytest.fixture(scope="module")
def reference_targets(reference: tuple[list[PageText], list[Grid]]) -> pd.DataFrame:
    return performance_targets(*reference)


def truth_rows(truth: dict) -> list[dict[str, object]]:
    """truth.json's target tables flattened to our row shape (the fields printed as text)."""
    return [
        {
            "project_seq": t["seq"],
            "project_name": t["project_name"],
            "goal_text": t["goal_text"],
            "level1": i["level1"],
            "level2": i["level2"],
            "level3": i["level3"],
            "indicator_text": i["description"],
            "target_text": i["target_text"],
            "basis": i["basis"],
            "indicator_seq": n,
            "page": t["page"],
        }
        for t in truth["performance_targets"]
        for n, i in enumerate(t["indicators"], start=1)
    ]


# --- the 指标值 parser -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("≥11000 人", (">=", 11000.0, "人")),
        ("≤44.7 元", ("<=", 44.7, "元")),
        ("≥95%", (">=", 95.0, "%")),
        ("是/否", ("yes_no", None, None)),
        ("是", ("yes_no", None, None)),
        ("1次", ("=", 1.0, "次")),
        ("6 名", ("=", 6.0, "名")),
        ("≥101 户", (">=", 101.0, "户")),
        ("＞0", (">", 0.0, None)),
        ("＜5％", ("<", 5.0, "%")),
        (">=10,000人", (">=", 10000.0, "人")),
        ("=100%", ("=", 100.0, "%")),
        ("不低于90%", (">=", 90.0, "%")),
        ("不少于3次", (">=", 3.0, "次")),
        ("不高于44.7元", ("<=", 44.7, "元")),
        ("不超过 5 万元", ("<=", 5.0, "万元")),
        ("达到95%以上", (">=", 95.0, "%")),
        ("95%以上", (">=", 95.0, "%")),
        ("3%以内", ("<=", 3.0, "%")),
        ("90%-100%", (None, None, None)),
        ("优", (None, None, None)),
    ],
)
def test_parse_target(text: str, expected: tuple[object, object, object]) -> None:
    assert parse_target(text) == Target(*expected)


# --- grids → rows, without camelot ------------------------------------------------------------


def grid(page: int, top: float, rows: list[list[str]]) -> Grid:
    origins = [[(r, c) for c in range(len(row))] for r, row in enumerate(rows)]
    return Grid(page, top, top + 20 * len(rows), rows, origins)


def text_page(number: int, lines: list[tuple[float, str]]) -> PageText:
    return PageText(number, 595, 842, [TextLine(t, y, y + 6, 55) for y, t in lines], True)


def test_table_continued_on_next_page_belongs_to_its_project() -> None:
    goal = ["绩效目标"] + ["保障运转"] * 5
    first = grid(
        7, 100, [goal, HEADER, ["产出指标", "数量指标", "次数", "办理次数", "≥3 次", "计划"]]
    )
    rest = grid(
        8,
        60,
        [
            ["", "质量指标", "合格率", "合格", "≥95%", "标准"],
            ["满意度指标", "服务对象满意度指标", "满意度", "满意", "≥90%", "调查"],
        ],
    )
    nxt = grid(
        8,
        300,
        [
            ["绩效目标"] + ["宣传"] * 5,
            HEADER,
            ["产出指标", "数量指标", "印刷次数", "印刷", "1次", "需求"],
        ],
    )
    pages = [
        text_page(7, [(90, "4 、 业务 费绩效目标 表")]),
        text_page(8, [(290, "5 、宣传费绩效目标表")]),
    ]
    frame = performance_targets(pages, [first, rest, nxt])
    assert frame["project_name"].tolist() == ["业务费"] * 3 + ["宣传费"]
    assert frame["project_seq"].tolist() == [4, 4, 4, 5]
    assert frame["indicator_seq"].tolist() == [1, 2, 3, 1]
    assert frame["page"].tolist() == [7, 8, 8, 8]
    assert frame["level1"].tolist()[:3] == ["产出指标", "产出指标", "满意度指标"]
    assert frame["goal_text"].tolist()[:3] == ["保障运转"] * 3


def test_other_table_on_next_page_is_not_a_continuation() -> None:
    first = grid(7, 100, [HEADER, ["产出指标", "数量指标", "次数", "办理次数", "≥3 次", "计划"]])
    other = grid(
        8,
        60,
        [["项目", "数量", "价值", "备注", "单位", "说明"], ["资产总额", "", "42.77", "", "", ""]],
    )
    pages = [text_page(7, [(90, "业务费绩效目标表")]), text_page(8, [])]
    frame = performance_targets(pages, [first, other])
    assert frame["indicator_seq"].tolist() == [1]
    assert frame.loc[0, "project_seq"] == 1 and frame.loc[0, "project_name"] == "业务费"


def test_organisation_units_by_header() -> None:
    table = grid(
        18,
        240,
        [
            ["序号", "单位名称", "单位性质", "单位规格", "经费保障形式"],
            ["1", "某某中心", "事业", "正科级", "财政拨款"],
            ["2", "某某局", "行政", "正处级", "财政拨款"],
        ],
    )
    frame = organisation_units([table])
    assert frame.to_dict("records")[1] == {
        "unit_name": "某某局",
        "unit_type": "行政",
        "unit_rank": "正处级",
        "funding_form": "财政拨款",
    }


# --- the reference disclosure -------------------------------------------------------------------


def test_reference_targets_equal_truth(reference_targets: pd.DataFrame) -> None:
    truth = json.loads(REFERENCE.with_suffix(".truth.json").read_text())
    expected = truth_rows(truth)
    got = reference_targets[list(expected[0])].astype(object).to_dict("records")
    assert reference_targets["project_seq"].nunique() == 13
    assert len(got) == len(expected) == 78
    for ours, theirs in zip(got, expected, strict=True):
        assert ours == theirs


def plain(value: object) -> object:
    return None if value is pd.NA else value


def test_reference_targets_parsed(reference_targets: pd.DataFrame) -> None:
    parsed = {
        (r.project_seq, r.indicator_seq): tuple(
            plain(v) for v in (r.comparator, r.target_value, r.target_unit)
        )
        for r in reference_targets.itertuples()
    }
    assert parsed[(1, 1)] == (">=", 11000.0, "人")
    assert parsed[(1, 4)] == ("<=", 44.7, "元")
    assert parsed[(1, 5)] == ("yes_no", None, None)
    assert parsed[(5, 1)] == ("=", 1.0, "次")
    assert parsed[(11, 1)] == ("=", 6.0, "名")
    assert parsed[(13, 5)] == ("<=", 5.0, "%")
    for row in reference_targets.itertuples():
        key = (row.project_seq, row.indicator_seq)
        assert parsed[key] == tuple(parse_target(row.target_text))
        assert parsed[key][0] is not None, row.target_text


def test_reference_organisation(reference: tuple[list[PageText], list[Grid]]) -> None:
    assert organisation_units(reference[1]).to_dict("records") == [
        {
            "unit_name": "石家庄正定新区劳动与社会保障管理中心",
            "unit_type": "事业",
            "unit_rank": "正科级",
            "funding_form": "财政拨款",
        }
    ]


# --- generated samples --------------------------------------------------------------------------


def generated_truths() -> list[Path]:
    return sorted(
        p for p in SAMPLES.glob("*.truth.json") if p.name != "d323_2022_budget.truth.json"
    )


@pytest.mark.slow
@pytest.mark.parametrize("truth_path", generated_truths(), ids=lambda p: p.name)
def test_generated_sample_targets(truth_path: Path) -> None:
    pdf = truth_path.with_name(truth_path.name.replace(".truth.json", ".pdf"))
    truth = json.loads(truth_path.read_text())
    if not pdf.exists() or not truth.get("performance_targets"):
        pytest.skip("no rendered PDF or no target tables")
    frame = performance_targets(*read_document(pdf))
    squash = "".join
    expected = truth_rows(truth)
    assert len(frame) == len(expected)
    for ours, theirs in zip(frame.astype(object).to_dict("records"), expected, strict=True):
        for col in ("project_name", "goal_text", "level1", "level2", "level3", "target_text"):
            assert squash(str(ours[col]).split()) == squash(str(theirs[col]).split()), col
