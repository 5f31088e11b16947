"""Identity read the way a careful person reads it: printed variants written down from real
disclosures (not from our renderer), and refusal when the evidence disagrees or is thin."""

from __future__ import annotations

import json

import pytest

from pipelines.extract.errors import UnreadableDocument
from pipelines.extract.identity_text import (
    cover_clues,
    kind_of,
    line_clues,
    narrative_clues,
    title_clues,
)
from pipelines.identity.evidence import Evidence
from pipelines.identity.names import same_unit, scope_of_note
from pipelines.identity.weigh import decide


def fields(clues) -> dict[str, str]:
    return {c.field: c.value for c in clues}


# (printed title-block line, identity fields it states)
UNIT_LINES = [
    (
        "323 石家庄正定新区劳动与社会保障管理中心",
        {"dept_code": "323", "dept_name": "石家庄正定新区劳动与社会保障管理中心"},
    ),
    (
        "323石家庄正定新区劳动与社会保障管理中心",
        {"dept_code": "323", "dept_name": "石家庄正定新区劳动与社会保障管理中心"},
    ),
    (
        "部门： 301 某市党政综合办公室 单位：万元",
        {"dept_code": "301", "dept_name": "某市党政综合办公室"},
    ),
    (
        "编制部门： 301 某市党政综合办公室 单位：万元",
        {"dept_code": "301", "dept_name": "某市党政综合办公室"},
    ),
    ("单位名称：412某县卫生健康局", {"dept_code": "412", "dept_name": "某县卫生健康局"}),
    (
        "部门名称：某县卫生健康局（412） 单位：万元",
        {"dept_code": "412", "dept_name": "某县卫生健康局"},
    ),
    ("部门名称:某县卫生健康局(412)", {"dept_code": "412", "dept_name": "某县卫生健康局"}),
    (
        "单位： 318 某区农业农村工作局 2022 年 单位：万元",
        {"dept_code": "318", "dept_name": "某区农业农村工作局", "fiscal_year": "2022"},
    ),
    (
        "305- 某区社会事业局 2023 年度 单位：元",
        {"dept_code": "305", "dept_name": "某区社会事业局", "fiscal_year": "2023"},
    ),
    ("编制单位：江苏省高级人民法院", {"dept_name": "江苏省高级人民法院"}),
    ("预算单位：上海市普陀区财政局 金额单位：万元", {"dept_name": "上海市普陀区财政局"}),
    ("部门（单位）名称：某市教育局", {"dept_name": "某市教育局"}),
    ("部门:某市教育局 301", {"dept_code": "301", "dept_name": "某市教育局"}),
    ("单位名称：３２３ 某中心", {"dept_code": "323", "dept_name": "某中心"}),
    ("预算年度：2023", {"fiscal_year": "2023", "doc_kind": "budget"}),
    ("预算年度： 2022 单位：万元", {"fiscal_year": "2022", "doc_kind": "budget"}),
    ("决算年度：2022", {"fiscal_year": "2022", "doc_kind": "final_accounts"}),
    ("年度：2023", {"fiscal_year": "2023"}),
    ("预算年度：２０２３", {"fiscal_year": "2023", "doc_kind": "budget"}),
    ("部门：某劳动与社会 单位：万元 保障管理中心", {"dept_name": "某劳动与社会保障管理中心"}),
    # Not identity: titles, sentences, money units, page numbers.
    ("2023年部门收支总表", {}),
    ("2022 年度预算收支安排 1082.66 万元，与 2021 年预算相比", {}),
    ("单位：万元", {}),
    ("金额单位：元", {}),
    ("第 1 页", {}),
    ("价值（金额单位：万元）", {}),
    ("2023 年，我部门财政拨款“三公”经费预算安排 23.67 万元", {}),
]


@pytest.mark.parametrize(("line", "expected"), UNIT_LINES)
def test_title_block_lines(line, expected):
    assert fields(line_clues(line)) == expected


TITLES = [
    ("某局2023年部门收支总表", {"fiscal_year": "2023", "dept_name": "某局"}),
    (
        "一、2017 年度江苏省高级人民法院部门收支预算总表",
        {"fiscal_year": "2017", "dept_name": "江苏省高级人民法院", "doc_kind": "budget"},
    ),
    ("表1 2023年部门收支总表", {"fiscal_year": "2023"}),
    ("表一：2023年部门收支总表", {"fiscal_year": "2023"}),
    ("公开01表 2023年部门收支总表", {"fiscal_year": "2023"}),
    (
        "上海市普陀区财政局2024年度部门决算表",
        {
            "fiscal_year": "2024",
            "dept_name": "上海市普陀区财政局",
            "doc_kind": "final_accounts",
            "scope": "department",
        },
    ),
    ("２０２３年一般公共预算⽀出情况表", {"fiscal_year": "2023"}),
    ("一、 2023 年部门收支总表……………… 3", {}),  # a contents line, not a title
    ("部门预算收支总表", {}),
]


@pytest.mark.parametrize(("line", "expected"), TITLES)
def test_titles(line, expected):
    assert fields(title_clues(line)) == expected


COVERS = [
    ("某县卫生健康局", {"dept_name": "某县卫生健康局"}),
    ("2023 年部门预算", {"fiscal_year": "2023", "doc_kind": "budget", "scope": "department"}),
    (
        "2022年度部门决算",
        {"fiscal_year": "2022", "doc_kind": "final_accounts", "scope": "department"},
    ),
    (
        "2021 年部门预算信息公开目录",
        {"fiscal_year": "2021", "doc_kind": "budget", "scope": "department"},
    ),
    (
        "某县卫生健康局2023年单位预算",
        {
            "fiscal_year": "2023",
            "doc_kind": "budget",
            "dept_name": "某县卫生健康局",
            "scope": "unit",
        },
    ),
    ("某县卫生健康局 二〇二二年二月", {}),  # the date of publication, not the fiscal year
    ("目 录", {}),
]


@pytest.mark.parametrize(("line", "expected"), COVERS)
def test_cover_lines(line, expected):
    assert fields(cover_clues(line)) == expected


NARRATIVE = [
    (
        "意见》规定，现将某区党政综合办公室 2022 年部门预算公开如下：",
        {
            "fiscal_year": "2022",
            "doc_kind": "budget",
            "dept_name": "某区党政综合办公室",
            "scope": "department",
        },
    ),
    (
        "现将本部门2022年度部门决算公开如下",
        {"fiscal_year": "2022", "doc_kind": "final_accounts", "scope": "department"},
    ),
    (
        "现将某市教育局２０２３年单位预算情况说明如下",
        {"fiscal_year": "2023", "doc_kind": "budget", "dept_name": "某市教育局", "scope": "unit"},
    ),
]


@pytest.mark.parametrize(("text", "expected"), NARRATIVE)
def test_narrative_opening(text, expected):
    assert fields(narrative_clues(text)) == expected


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("一般公共预算财政拨款支出决算表", "final_accounts"),
        ("部门预算收支总表", "budget"),
        ("一般公共预算财政拨款支出表", None),
        ("收支总表", None),
    ],
)
def test_kind_ignores_fund_names(text, kind):
    assert kind_of(text) == kind


def ev(field: str, value: str, source: str = "unit_line", page: int | None = 3) -> Evidence:
    return Evidence(field, value, source, page, f"line with {value}")


def test_agreeing_sources_give_one_identity_with_sources():
    identity = decide(
        [
            ev("dept_code", "301"),
            ev("dept_name", "某区党政综合办公室"),
            ev("dept_name", "某区党政综合办公室", "narrative", 12),
            ev("fiscal_year", "2022", "narrative", 12),
            ev("fiscal_year", "2021", "file_name", None),  # the file name is the last resort
        ]
    )
    assert (identity.dept_code, identity.fiscal_year, identity.doc_kind) == ("301", 2022, "budget")
    assert identity.unit_key == "301"
    sources = json.loads(identity.source_json())
    assert sources["fiscal_year"]["source"] == "narrative"
    assert sources["doc_kind"]["source"] == "default"


def test_unit_without_code_is_keyed_by_its_name():
    identity = decide(
        [ev("dept_name", "上海市普陀区财政局", "title"), ev("fiscal_year", "2024", "title")]
    )
    assert identity.dept_code is None
    assert identity.unit_key == "上海市普陀区财政局"


@pytest.mark.parametrize(
    "evidence",
    [
        [
            ev("dept_code", "301"),
            ev("dept_code", "302", "unit_line", 9),
            ev("fiscal_year", "2022"),
        ],
        [ev("dept_code", "301"), ev("fiscal_year", "2022"), ev("fiscal_year", "2023", "cover", 1)],
        [
            ev("dept_name", "某县卫生健康局"),
            ev("dept_name", "某县教育局", "title", 8),
            ev("fiscal_year", "2022"),
        ],
    ],
    ids=["codes", "years", "names"],
)
def test_disagreeing_sources_refuse_with_both_readings(evidence):
    with pytest.raises(UnreadableDocument) as refused:
        decide(evidence)
    message = str(refused.value)
    values = {e.value for e in evidence if e.field in message}
    assert all(v in message for v in values) and "manifest" in message


@pytest.mark.parametrize(
    "evidence",
    [[ev("fiscal_year", "2022")], [ev("dept_code", "301")], []],
    ids=["no unit", "no year", "nothing"],
)
def test_thin_evidence_refuses(evidence):
    with pytest.raises(UnreadableDocument, match="cannot tell which unit and year"):
        decide(evidence)


def test_manifest_wins_and_is_recorded():
    identity = decide(
        [
            ev("dept_code", "412", "manifest", None),
            ev("fiscal_year", "2023", "manifest", None),
            ev("dept_code", "2023", "unit_line"),
            ev("fiscal_year", "2022", "cover", 1),
        ]
    )
    assert (identity.dept_code, identity.fiscal_year) == ("412", 2023)
    assert json.loads(identity.source_json())["dept_code"]["source"] == "manifest"


def test_a_weak_printing_against_strong_ones_is_a_reported_disagreement():
    identity = decide(
        [
            ev("dept_name", "某县卫生健康局"),
            ev("dept_name", "某县卫生健康局", "title", 5),
            ev("dept_name", "某县教育局", "narrative", 8),
            ev("fiscal_year", "2022"),
        ]
    )
    assert identity.dept_name == "某县卫生健康局"
    notes = json.loads(identity.notes_json())
    assert [(n["printed"], n["kind"], n["page"]) for n in notes] == [
        ("某县教育局", "other_value", 8)
    ]


def test_one_slip_among_many_titles_is_outweighed():
    titles = [ev("dept_name", "某市城市管理委员会", "title", page) for page in range(3, 12)]
    cover = ev("dept_name", "某市水务局", "cover", 1)
    identity = decide([*titles, cover, ev("fiscal_year", "2026")])
    assert identity.dept_name == "某市城市管理委员会"
    assert any(n.printed == "某市水务局" for n in identity.disagreements)


def test_placeholders_and_variants_are_reported_not_fatal():
    identity = decide(
        [
            ev("dept_name", "中国共产党某市委员会宣传部", "title", 4),
            ev("dept_name", "中共某市委宣传部", "title", 5),
            ev("dept_name", "中共某市委宣传部（本级）", "unit_line", 6),
            ev("dept_name", "XX局", "title", 7),
            ev("fiscal_year", "2026"),
        ]
    )
    assert identity.dept_name in {"中国共产党某市委员会宣传部", "中共某市委宣传部"}
    assert identity.scope == "unit"  # the （本级） note says the unit alone
    kinds = {n.printed: n.kind for n in identity.disagreements}
    assert kinds["XX局"] == "placeholder"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("中共某省委办公厅", "中国共产党某省委员会办公厅"),
        ("某省高级人民法院", "某省法院"),
        ("某市某区财政局", "某区财政局"),
        ("某市城市管理综合行政执法局", "市城管执法局"),
        ("某市规划和自然资源委员会", "某市规划与自然资源委员会"),
        ("第二部分某局2017年度部门预算表", "某局"),
        ("预算单位：某市民政局", "某市民政局（本级）"),
    ],
)
def test_printings_of_one_unit(a, b):
    assert same_unit(a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("某市公安局", "某市公安局交通管理局"),
        ("某市教育局", "某市卫生健康委员会"),
        ("某市第一中学", "某市第二中学"),
    ],
)
def test_different_units(a, b):
    assert not same_unit(a, b)


@pytest.mark.parametrize(
    ("printing", "scope"),
    [
        ("某局（本级）", "unit"),
        ("某局(汇总)", "department"),
        ("某局（含所属单位）", "department"),
        ("某局", None),
    ],
)
def test_scope_notes(printing, scope):
    assert scope_of_note(printing) == scope


def test_overridden_printings_are_warnings_of_the_identity_suite():
    from conftest import SAMPLES

    from pipelines.accuracy import read_truth_facts
    from pipelines.validate import validate_document

    facts = read_truth_facts(SAMPLES / "d118_2022_budget.facts.csv")
    identity = decide(
        [
            ev("dept_name", "某县民政局", "title", 4),
            ev("dept_name", "某县民政局", "unit_line", 5),
            ev("dept_name", "XX局", "title", 7),
            ev("fiscal_year", "2022"),
        ]
    )
    notes = tuple(json.loads(identity.notes_json()))
    results = validate_document(facts, identity_notes=notes)
    suite = results[results["suite"] == "document_identity"]
    failed = suite[~suite["success"]]
    assert failed["severity"].tolist() == ["warning"]
    assert "'XX局' (placeholder, title p7)" in failed["item_key"].iloc[0]
    clean = validate_document(facts)
    assert clean[clean["suite"] == "document_identity"]["success"].all()
