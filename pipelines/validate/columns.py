"""The column an identity means, whatever a region prints over it.

Suites name the family's columns (基本支出, 经营支出, 上解上级支出, 人员经费 …). Published tables
print the same quantity under other headings: 事业单位经营支出, 上缴上级支出, 人员经费支出, or a
基本支出 group whose own total sits in a 小计 column under it beside 人员经费 / 公用经费. Reading
those as absent made every such row "fail" 合计 = 基本 + 项目 (a misreading, not a printing
error), and summing two groups' 合计 cells into one column invented figures. The warehouse keeps
the printed names; only validation reads them through this map.
"""

from __future__ import annotations

SYNONYMS: dict[str, str] = {
    "事业单位经营支出": "经营支出",
    "上缴上级支出": "上解上级支出",
    "人员经费支出": "人员经费",
    "公用经费支出": "公用经费",
    "项目支出总数": "项目支出",
    "其中：基本支出": "基本支出",
    "预算": "预算数",  # 广州's 收支总体情况表: 项目 | 预算 | 项目 | 预算
    # the fund columns of a 财政拨款收支总表, printed without 财政拨款
    "一般公共预算": "一般公共预算财政拨款",
    "政府性基金预算": "政府性基金预算财政拨款",
    "国有资本经营预算": "国有资本经营预算财政拨款",
}
GROUP_TOTALS = frozenset({"小计", "合计"})  # a group's own total: 基本支出 | 小计 is 基本支出
# 西安's 收入总表 prints 一般公共预算拨款 | 小计 beside 其中：专项资金… under it
GROUPS_WITH_TOTALS = frozenset({"基本支出", "项目支出", "一般公共预算拨款"})


def meant_column(name: str, group: str | None, fiscal_year: int | None = None) -> str:
    """The family column a printed (group, name) stands for. 深圳 prints the year over its
    amounts (``2026年预算数``): the document's own year is the column itself, the year before
    is 上年's."""
    if group in GROUPS_WITH_TOTALS and name in GROUP_TOTALS:
        return group
    if fiscal_year is not None:
        for year, prefix in ((fiscal_year, ""), (fiscal_year - 1, "上年")):
            for printed in (f"{year}年度", f"{year}年"):
                if name.startswith(printed) and len(name) > len(printed):
                    name = prefix + name[len(printed) :]
                    break
    return SYNONYMS.get(name, name)
