"""Reference facts of the disclosure format that extraction relies on.

The test kit (testkit/family.py) keeps its own copy of what it prints; this is the extractor's.
"""

from __future__ import annotations

import re

# The 30 functional classes on the right of tables 1 and 4, with their 类 codes.
FUNCTION_CLASSES: tuple[tuple[str, str], ...] = (
    ("201", "一般公共服务支出"),
    ("202", "外交支出"),
    ("203", "国防支出"),
    ("204", "公共安全支出"),
    ("205", "教育支出"),
    ("206", "科学技术支出"),
    ("207", "文化旅游体育与传媒支出"),
    ("208", "社会保障和就业支出"),
    ("209", "社会保险基金支出"),
    ("210", "卫生健康支出"),
    ("211", "节能环保支出"),
    ("212", "城乡社区支出"),
    ("213", "农林水支出"),
    ("214", "交通运输支出"),
    ("215", "资源勘探工业信息等支出"),
    ("216", "商业服务业等支出"),
    ("217", "金融支出"),
    ("219", "援助其他地区支出"),
    ("220", "自然资源海洋气象等支出"),
    ("221", "住房保障支出"),
    ("222", "粮油物资储备支出"),
    ("223", "国有资本经营预算支出"),
    ("224", "灾害防治及应急管理支出"),
    ("227", "预备费"),
    ("229", "其他支出"),
    ("230", "转移性支出"),
    ("231", "债务还本支出"),
    ("232", "债务付息支出"),
    ("233", "债务发行费用支出"),
    ("234", "抗疫特别国债安排的支出"),
)
CLASS_CODE_BY_NAME: dict[str, str] = {name: code for code, name in FUNCTION_CLASSES}
NUMBERING_PREFIX = re.compile(r"^[一二三四五六七八九十]+、")


def class_code_of(label: str) -> str | None:
    """'八、社会保障和就业支出' → '208' (the right-hand side of tables 1 and 4)."""
    return CLASS_CODE_BY_NAME.get(NUMBERING_PREFIX.sub("", label))
