"""Unit names as printed → the name they stand for, and whether two printings name one unit.

One unit is printed many ways inside one disclosure, for reasons a reader shrugs off: a
section heading or note glued on (``第二部分某局2017年度部门预算表``, ``某局注：本部门无…``),
a label kept (``预算单位：某局``), ``（本级）``, the party's long and short forms
(``中国共产党X市委员会宣传部`` / ``中共X市委宣传部``), a region prefix dropped, a one-character
slip. :func:`unit_name` strips the decoration; :func:`same_unit` decides whether two names are
one unit. Pure functions over text: the only home of these rules (extraction, versions and
loading all ask here).
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from pipelines.text import label, squash

# Labels printed before a name (squashed, NFKC: （）→(), ：→:), longest first when matched.
UNIT_LABELS: tuple[str, ...] = (
    "部门(单位)名称",
    "部门(单位)",
    "单位名称",
    "部门名称",
    "机构名称",
    "编制单位",
    "编制部门",
    "预算单位",
    "预算部门",
    "填报单位",
    "报送单位",
    "公开单位",
    "主管部门",
    "部门",
    "单位",
)
_CN = "一二三四五六七八九十百零〇"
_LABEL = re.compile(
    "^(?:"
    + "|".join(re.escape(w) for w in sorted(UNIT_LABELS, key=len, reverse=True))
    .replace(r"\(", "[(（]")
    .replace(r"\)", "[)）]")
    + r")[:：]?"
)
# What a heading puts before a name: 第二部分, 一、, (一), 表1, 公开01表, 附件2:, 预算01表.
_LEADING = re.compile(
    rf"^(?:第[{_CN}\d]+部分|[{_CN}]+[、.．]|\d{{1,2}}[、.．](?!\d)|[(（][{_CN}\d]+[)）]|"
    rf"附件\d*[:：、]?|(?:预算|公开|附)?\d*表[{_CN}\d]*表?[:：、.]?|公开[{_CN}\d]+表)"
)
_YEAR = re.compile(r"(?:19|20)\d{2}(?:年度?|(?=部门|单位|预算|决算))")
# What a title or cover puts after a name: the kind of document, or a table's title.
_TRAILING_KIND = re.compile(
    r"(?:部门|单位|机关)?(?:综合|整体)?(?:收支)?(?:预算|决算)(?:信息|草案)?(?:公开)?"
    r"(?:目录|说明|情况说明|编制说明|文本|报告|报表|表|公开表)?$"
)
_TRAILING_NOTE = re.compile(r"注[:：].*$|[(（]注[^)）]*[)）]$")
# Parenthesised scope notes: (本级), (汇总), (机关), (含所属单位), (部门), 本级.
_SCOPE_NOTE = re.compile(r"(?:[(（](?:含[^)）]*|本级|机关|汇总|部门|单位|本部|合并)[)）]|本级)$")
_TRAILING_WORD = re.compile(r"(?:部门|单位|概况|基本情况)$")
_PLACEHOLDER = re.compile(r"(?:^|[^A-Za-z])(?:[Xx×*]{2,}|某某)")
_HAS_CJK = re.compile(r"[\u4e00-\u9fff]")
# Long and short forms of one organisation word, folded for comparison only.
_FOLDS: tuple[tuple[str, str], ...] = (
    ("中国共产党", "中共"),
    ("委员会", "委"),
    ("人民政府", "政府"),
    ("高级人民法院", "法院"),
    ("中级人民法院", "法院"),
    ("人民法院", "法院"),
    ("人民检察院", "检察院"),
    ("和", ""),
    ("与", ""),
    ("及", ""),
    ("、", ""),
)
# A dropped prefix that is only a place: 某市, 某省某市, 某新区, 某自治州.
_REGION = re.compile(r"^(?:[\u4e00-\u9fff]{1,8}?(?:省|市|区|县|州|盟|旗|镇|乡|街道|自治区))+$")


def unit_name(printing: str) -> str:
    """The name a printing stands for: label, heading number, year, kind words, notes and the
    scope note removed ('第二部分某局2017年度部门预算表' → '某局', '某局（本级）' → '某局'; the
    note says which scope the document covers, :func:`scope_of_note`). '' when nothing is left."""
    text = _TRAILING_NOTE.sub("", label(printing))
    for _ in range(3):  # decorations nest: '第二部分 表1 …'
        stripped = _LEADING.sub("", _LABEL.sub("", text)).lstrip(":：、. ")
        if stripped == text:
            break
        text = stripped
    text = _YEAR.split(text)[0] if _YEAR.search(text) and not _YEAR.match(text) else text
    text = _YEAR.sub("", text)
    text = _TRAILING_KIND.sub("", text)
    return _TRAILING_WORD.sub("", _SCOPE_NOTE.sub("", text)).strip("-—_:：、. ")


def is_placeholder(name: str) -> bool:
    """'XX局', '××单位', '某某中心': a template's blank left in, not a unit."""
    return bool(_PLACEHOLDER.search(squash(name)))


def scope_of_note(printing: str) -> str | None:
    """'unit' for '某局（本级）' (the unit alone), 'department' for '某局（汇总）' /
    '（含所属单位）' (consolidated), None when the printing carries no scope note."""
    note = _SCOPE_NOTE.search(_TRAILING_KIND.sub("", _YEAR.sub("", squash(printing))))
    if not note:
        return None
    alone = re.search("本级|机关|本部|单位", note[0]) and "含" not in note[0]
    return "unit" if alone else "department"


def name_key(name: str) -> str:
    """What a unit without a printed code is keyed by in the warehouse: its name, squashed,
    without a scope note."""
    return _SCOPE_NOTE.sub("", squash(name))


def folded(name: str) -> str:
    """The comparison form: long and short organisation words made equal."""
    text = squash(name)
    for long, short in _FOLDS:
        text = text.replace(long, short)
    return text


def same_unit(a: str | None, b: str | None) -> bool:
    """Do two names stand for one unit? Equal once folded; one is the other with a place
    prefix dropped (``市委宣传部`` in ``中共某市委宣传部``); or one slip of the pen
    (``规划与`` for ``规划和``, a doubled character). An unknown name agrees with anything."""
    if not a or not b:
        return True
    fa, fb = (folded(unit_name(n) or n) for n in (a, b))
    if fa == fb:
        return True
    short, long = sorted((fa, fb), key=len)
    if long.endswith(short) and len(short) >= 3:
        prefix = long[: len(long) - len(short)]
        return bool(_REGION.match(prefix)) or short[0] in "省市区县"
    return abbreviation(short, long) or one_slip(fa, fb)


def abbreviation(short: str, long: str) -> bool:
    """'市城管执法局' for '某市城市管理综合行政执法局': a short form led by its level (市, 省,
    区, 县) whose characters appear in order in the full name, ending the same way. A unit
    under the same parent ('市公安局' / '某市公安局交通管理局') ends differently."""
    if len(short) < 4 or short[0] not in "省市区县" or short[-2:] != long[-2:]:
        return False
    rest = iter(long)
    return all(ch in rest for ch in short)


def one_slip(a: str, b: str) -> bool:
    """Names of 8+ characters that differ by one substituted character or one short insert."""
    if min(len(a), len(b)) < 8 or a[-1] != b[-1]:
        return False
    ops = [
        op for op in SequenceMatcher(None, a, b, autojunk=False).get_opcodes() if op[0] != "equal"
    ]
    if len(ops) != 1:
        return False
    tag, i1, i2, j1, j2 = ops[0]
    changed = max(i2 - i1, j2 - j1)
    return (tag == "replace" and i2 - i1 == j2 - j1 == 1) or (tag != "replace" and changed <= 2)


def reads_as_name(name: str) -> bool:
    """Could this be an organisation's name at all (CJK, short, no sentence in it)?"""
    return 2 <= len(name) <= 40 and bool(_HAS_CJK.search(name)) and not re.search(r"[,。;!?]", name)
