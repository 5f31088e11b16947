"""The four pages. Each reads its figures with ``query`` and renders them with ``view``."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from pipelines.dashboard import view
from pipelines.dashboard.config import pdf_dirs
from pipelines.dashboard.data import query
from pipelines.dashboard.pdf_page import find_pdf, outlined_band, render_page
from pipelines.dashboard.view import CHANGES, KINDS, SEVERITY, STATUS, SUITES, TABLES, Cell

UNIT_HINT = "点击任一数字查看它在 PDF 中的页面（红框标出单元格）。金额单位：万元。"


def show(table_html: str) -> None:
    st.markdown(table_html, unsafe_allow_html=True)


def unit_title(row: pd.Series) -> str:
    code = row["dept_code"] if isinstance(row["dept_code"], str) else ""
    return f"{code} {row['dept_name']}".strip()


def unit_code(row: pd.Series) -> str:
    """The printed code (names are in the unit × year table), else the name."""
    return view.text(row["dept_code"]) or view.text(row["dept_name"])


def verdict(doc) -> str:
    """✓ 可信, ✗ n 项错误, or 未校验 (a document nobody checked is not trusted)."""
    if doc.trusted:
        return "✓ 可信"
    return f"✗ {doc.errors_failed} 项错误" if doc.checks_run else "未校验"


def coverage() -> None:
    st.title("覆盖情况")
    st.caption("每个单位每年的公开文件：状态、校验结论（可信 = 已校验且无错误）。" + UNIT_HINT)
    kind = st.radio("文件类型", ["全部", *KINDS.values()], horizontal=True, key="coverage_kind")
    kind_code = {v: k for k, v in KINDS.items()}.get(kind, "")
    docs = query("coverage", doc_kind=kind_code)
    current = docs[docs["status"] == "loaded"]
    left, middle, right = st.columns(3)
    left.metric("单位", current["unit_key"].nunique())
    middle.metric("当前文件", len(current))
    right.metric("可信文件", int(current["trusted"].sum()))

    st.subheader("单位 × 年度")
    years = sorted(docs["fiscal_year"].unique())
    rows = []
    for (unit_key, kind_code), found in current.groupby(["unit_key", "doc_kind"], sort=True):
        by_year = {d.fiscal_year: d for d in found.itertuples()}
        rows.append(
            [unit_title(found.iloc[0]), KINDS[kind_code]]
            + [
                Cell(
                    verdict(by_year[y]),
                    f"unit?unit={unit_key}&year={y}&kind={kind_code}",
                )
                if y in by_year
                else "—"
                for y in years
            ]
        )
    show(view.html_table(["单位", "类型", *(f"{y}年" for y in years)], rows))

    st.subheader("文件清单")
    show(
        view.html_table(
            [
                "单位",
                "年度",
                "类型",
                "状态",
                "可信",
                "校验数",
                "错误",
                "警告",
                "版本数",
                "文件",
                "收入总计（万元）",
            ],
            [
                [
                    unit_code(r),
                    str(r["fiscal_year"]),
                    view.label(KINDS, r["doc_kind"]),
                    view.label(STATUS, r["status"]),
                    "是" if r["trusted"] else "否",
                    str(r["checks_run"]),
                    str(r["errors_failed"]),
                    str(r["warnings_failed"]),
                    str(r["versions"]),
                    r["file_name"],
                    view.figure(r["income_total_wan"], r["income_total_fact_ids"]),
                ]
                for _, r in docs.iterrows()
            ],
        )
    )
    quarantined = query("quarantined")
    if len(quarantined):
        st.subheader(f"已隔离的文件（{len(quarantined)}）")
        show(
            view.html_table(
                ["文件", "原因与处理办法"],
                [[r.file_name, view.text(r.error)] for r in quarantined.itertuples()],
            )
        )


def _choose(label: str, options: list, param: str, fmt=str) -> object:
    """A select box that starts from the URL's ``param`` and writes its choice back."""
    wanted = st.query_params.get(param)
    index = next((i for i, o in enumerate(options) if str(o) == wanted), 0)
    choice = st.selectbox(label, options, index=index, format_func=fmt, key=f"unit_{param}")
    st.query_params[param] = str(choice)
    return choice


def unit() -> None:
    st.title("单位详情")
    docs = query("unit_documents")
    if docs.empty:
        st.info("快照中还没有已入库的文件。")
        return
    names = {r.unit_key: unit_title(pd.Series(r._asdict())) for r in docs.itertuples()}
    left, middle, right = st.columns([3, 1, 1])
    with left:
        unit_key = _choose("单位", sorted(names), "unit", names.get)
    mine = docs[docs["unit_key"] == unit_key]
    with middle:
        year = _choose("年度", sorted(mine["fiscal_year"].unique(), reverse=True), "year")
    with right:
        kinds = list(mine[mine["fiscal_year"] == year]["doc_kind"])
        kind = _choose("类型", kinds, "kind", KINDS.get)
    doc = mine[(mine["fiscal_year"] == year) & (mine["doc_kind"] == kind)].iloc[0]
    document_id = doc["document_id"]
    st.caption(f"{names[unit_key]} {year}年{KINDS[kind]} · 文件 {doc['file_name']} · {UNIT_HINT}")

    st.subheader("收支总额")
    totals = query("unit_totals", document_id=document_id)
    show(
        view.html_table(
            ["项目", "金额（万元）"],
            [[r.label, view.figure(r.amount_wan, r.fact_ids)] for r in totals.itertuples()],
        )
    )

    st.subheader("收入来源")
    sources = query("unit_income_sources", document_id=document_id)
    show(
        view.html_table(
            ["来源", "金额（万元）"],
            [[r.source, view.figure(r.amount_wan, r.fact_ids)] for r in sources.itertuples()],
        )
    )

    st.subheader("按功能分类的同比变化（支出总表 合计列）")
    depth = st.radio("科目层级", ["类", "款", "项"], horizontal=True, key="unit_depth")
    yoy = query("unit_yoy", document_id=document_id, max_level=["类", "款", "项"].index(depth) + 1)
    gone = yoy[yoy["change_kind"] == "disappeared"]
    if len(gone):
        st.warning(
            "上年有、今年没有的科目："
            + "；".join(
                f"{r.item_code} {r.item_name}（上年 {view.wan(r.prev_amount_wan)} 万元）"
                for r in gone.itertuples()
            )
        )
    show(
        view.html_table(
            [
                "科目编码",
                "科目名称",
                "本年（万元）",
                "上年（万元）",
                "增减（万元）",
                "增减率",
                "变化",
            ],
            [
                [
                    view.text(r.item_code),
                    ("　" * max(r.level - 1, 0)) + (view.text(r.item_name)),
                    view.figure(r.amount_wan, r.fact_ids),
                    view.figure(r.prev_amount_wan, r.prev_fact_ids),
                    Cell(view.wan(r.change_wan), figure=True),
                    Cell(view.pct(r.change_pct), figure=True),
                    view.label(CHANGES, r.change_kind)
                    + ("（上年数取自说明）" if r.prev_source == "narrative_stated" else ""),
                ]
                for r in yoy.itertuples()
            ],
        )
    )

    st.subheader("“三公”经费趋势（合计列）")
    trend = query("unit_three_public", unit_key=unit_key, doc_kind=kind)
    if trend.empty:
        st.info("没有“三公”经费支出表。")
    else:
        years = sorted(trend["fiscal_year"].unique())
        chart = trend[trend["item_level"] <= 1].pivot_table(
            index="fiscal_year", columns="item_name", values="amount_wan", aggfunc="sum"
        )
        chart.index = [f"{year}年" for year in chart.index]
        st.line_chart(chart.astype(float), x_label="年度", y_label="万元")
        rows = []
        for (_level, _key), item in trend.groupby(["item_level", "item_key"], sort=True):
            by_year = {r.fiscal_year: r for r in item.itertuples()}
            rows.append(
                [item.iloc[-1]["item_name"]]
                + [
                    view.figure(by_year[y].amount_wan, by_year[y].fact_ids)
                    if y in by_year
                    else Cell("—", figure=True)
                    for y in years
                ]
            )
        show(view.html_table(["项目", *(f"{y}年（万元）" for y in years)], rows))

    st.subheader("基本支出构成（按经济分类）")
    basic = query("unit_basic_composition", document_id=document_id)
    show(
        view.html_table(
            ["经济分类", "合计（万元）", "人员经费（万元）", "公用经费（万元）", "占基本支出"],
            [
                [
                    f"{r.economic_code} {r.economic_name or ''}",
                    view.figure(r.total_wan, r.total_fact_ids),
                    view.figure(r.personnel_wan, r.personnel_fact_ids),
                    view.figure(r.operating_wan, r.operating_fact_ids),
                    Cell(f"{r.share_of_total_pct:.2f}%", figure=True),
                ]
                for r in basic.itertuples()
            ],
        )
    )


def quality() -> None:
    st.title("数据质量")
    st.caption(
        "每个文件的校验结果；未通过的校验列出期望值与实际值及其单位（金额为万元）。"
        "实际值是表中印出的单元格：点击查看原文。"
    )
    board = query("dq_summary")
    show(
        view.html_table(
            ["单位", "年度", "类型", "文件", "状态", "校验数", "错误", "警告", "通过率", "可信"],
            [
                [
                    unit_code(r),
                    "" if pd.isna(r["fiscal_year"]) else str(int(r["fiscal_year"])),
                    view.label(KINDS, r["doc_kind"]),
                    r["file_name"],
                    view.label(STATUS, r["status"]),
                    str(r["checks_run"]),
                    str(r["errors_failed"]),
                    str(r["warnings_failed"]),
                    "—" if pd.isna(r["pass_rate"]) else f"{100 * r['pass_rate']:.1f}%",
                    "是" if r["trusted"] else "否",
                ]
                for _, r in board.iterrows()
            ],
        )
    )
    st.subheader("未通过的校验")
    left, right = st.columns(2)
    severity = left.radio(
        "严重程度", ["全部", *SEVERITY.values()], horizontal=True, key="quality_severity"
    )
    units = {"": "全部单位"} | {
        r["unit_key"]: unit_title(r) for _, r in query("unit_documents").iterrows()
    }
    unit_key = right.selectbox("单位", list(units), format_func=units.get, key="quality_unit")
    failed = query(
        "failed_checks",
        severity={v: k for k, v in SEVERITY.items()}.get(severity, ""),
        unit_key=unit_key,
    )
    if failed.empty:
        st.success("没有未通过的校验。")
        return
    header = ["单位", "年度", "类型", "校验", "严重程度", "表", "项目", "期望值", "实际值",
              "计量单位", "说明"]  # fmt: skip
    rows = [
        [
            unit_code(r),
            str(r["fiscal_year"]),
            view.label(KINDS, r["doc_kind"]),
            f"{view.label(SUITES, r['suite'])} · {r['check_name']}",
            view.label(SEVERITY, r["severity"]),
            view.label(TABLES, r["table_code"]),
            view.text(r["item_key"]),
            Cell(view.text(r["expected"]), figure=True),
            Cell(view.text(r["observed"]), view.source_href(r["observed_fact_ids"]), figure=True),
            r["unit"],
            view.text(r["message"]),
        ]
        for _, r in failed.iterrows()
    ]
    show(view.html_table(header, rows))


def source() -> None:
    st.title("原文定位")
    wanted = [int(i) for i in st.query_params.get("facts", "").split(",") if i.isdigit()]
    if not wanted:
        st.info("从其他页面点击任一数字，这里显示它所在的 PDF 页面，红框标出单元格。")
        return
    facts = query("source_facts", fact_ids=wanted)
    if facts.empty:
        st.error(f"快照中没有这些事实：{wanted}")
        return
    show(
        view.html_table(
            ["文件", "页", "表", "科目编码", "项目", "列", "金额（万元）"],
            [
                [
                    r.file_name,
                    str(r.page),
                    view.label(TABLES, r.table_code),
                    view.text(r.item_code),
                    view.text(r.item_name),
                    r.column_name,
                    Cell(view.wan(r.amount_wan), figure=True),
                ]
                for r in facts.itertuples()
            ],
        )
    )
    for (document_id, file_name, page), cells in facts.groupby(
        ["document_id", "file_name", "page"], sort=False
    ):
        pdf = find_pdf(file_name, document_id, pdf_dirs())
        if pdf is None:
            folders = "、".join(str(p) for p in pdf_dirs())
            st.error(
                f"找不到 {file_name}（sha256 {document_id[:12]}…）：在 {folders} 中都没有；"
                "用 PIPELINES_PDF_DIRS 指定存放 PDF 的文件夹（以 : 分隔）。"
            )
            continue
        boxes = [list(b) for b in cells["bbox"] if b is not None and len(b) == 4]
        image = render_page(pdf, int(page), boxes)
        band = outlined_band(image)
        if band is not None:
            st.image(band, caption=f"第 {page} 页局部（红框：所选单元格）", alt=f"第 {page} 页局部")
        st.image(
            image,
            caption=f"{file_name} 第 {page} 页（红框：所选单元格）",
            alt=f"{file_name} 第 {page} 页",
        )
