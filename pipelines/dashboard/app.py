"""Streamlit entry point: ``streamlit run pipelines/dashboard/app.py`` (``make dashboard``)."""

from __future__ import annotations

from datetime import datetime

import streamlit as st

from pipelines.dashboard import pages
from pipelines.dashboard.config import snapshot

STYLE = """<style>
table.dash { border-collapse: collapse; font-size: 0.9rem; margin-bottom: 1rem; }
table.dash th, table.dash td { border: 1px solid #ddd; padding: 0.2rem 0.5rem; }
table.dash th { background: #f5f5f5; }
table.dash th, table.dash td.num { white-space: nowrap; }
table.dash td.num { text-align: right; }
div.dash-scroll { overflow-x: auto; }
</style>"""

st.set_page_config(page_title="部门预决算公开数据", layout="wide")
st.markdown(STYLE, unsafe_allow_html=True)
navigation = st.navigation(
    [
        st.Page(pages.coverage, title="覆盖情况", url_path="coverage", default=True),
        st.Page(pages.unit, title="单位详情", url_path="unit"),
        st.Page(pages.quality, title="数据质量", url_path="quality"),
        st.Page(pages.source, title="原文定位", url_path="source"),
    ]
)
if not snapshot().exists():
    st.error(
        f"还没有发布的仓库快照：{snapshot()}。先运行 `make run`：入库结束时会发布这个只读快照，"
        "看板只读它，从不打开写入中的仓库文件。"
    )
    st.stop()
navigation.run()
stamp = datetime.fromtimestamp(snapshot().stat().st_mtime).isoformat(sep=" ", timespec="seconds")
st.caption(f"数据快照：{snapshot()}（发布于 {stamp}，只读）")  # also marks the page complete
