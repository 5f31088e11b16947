"""Read identity clues out of printed lines: labelled unit lines, bare code+name lines, titles,
cover headings, the narrative's opening, scope words. Pure functions over NFKC-squashed text;
no PDF here, and no judgement: :mod:`pipelines.identity` weighs what these readers find.

Each reader returns :class:`Clue` values (field, value, the text it came from); which region
of the document a line sits in (title block, cover, narrative…) is decided by the caller.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipelines.identity.names import UNIT_LABELS, reads_as_name, unit_name
from pipelines.text import label, one_line, squash

from .vocabulary import (
    FUND_NAMES,
    IDENTITY_NUMBERING,
    MONEY_UNITS,
    NARRATIVE_OPENING,
    ORG_SUFFIXES,
    SELF_REFERENCES,
    TITLE_WITH_YEAR,
    TOC_LEADER,
    YEAR,
    YEAR_LABELS,
)

_LONG_LABELS = [w for w in UNIT_LABELS + ("金额单位",) + YEAR_LABELS if len(w) > 2]
_SHORT_LABELS = ("部门", "单位", "年度", "年份")
# A long label (编制单位, 部门名称…) anywhere; a short one (部门, 单位) only where a line starts:
# '收费部门:某局' is prose. '单位:万元' is the money unit wherever it is printed.
_LABEL = re.compile(
    "(" + "|".join(re.escape(w) for w in sorted(_LONG_LABELS, key=len, reverse=True)) + r"):"
    r"|^(" + "|".join(_SHORT_LABELS) + r"):"
    r"|(单位):(?=(?:万元|元))"
)
_YEAR_IN_VALUE = re.compile(YEAR + r"\s*年度?")
_CODE_FIRST = re.compile(r"^(\d{2,})[-—–_.、]?(\D.*)$")
_CODE_IN_PARENS = re.compile(r"^(\D.*?)\((\d{2,})\)$")
_CODE_LAST = re.compile(r"^(\D.*?)[-—–_]?(\d{3,})$")
_CODE_ONLY = re.compile(r"^(\d{2,})$")
_BARE_LINE = re.compile(r"^(\d{2,})[-—–_]?([^\d年].*)$")
_SENTENCE = re.compile(r"[,，。;；、!？?]")
_HAS_CJK = re.compile(r"[\u4e00-\u9fff]")
_MONEY_VALUE = re.compile("^(" + "|".join(MONEY_UNITS) + ")(.*)$")
_KIND = re.compile(r"(预算|决算)")
_ONLY_YEAR = re.compile(r"^\(?" + YEAR + r"年度?\)?$")  # '（2026年度）' under a title
_REGION_ONLY = re.compile(
    r"^(?:[\u4e00-\u9fff]{1,6}?(?:省|市|区|县|州|自治区))+(?:市级|区级|县级)?$"
)
# Scope words: 单位预算/决算 (one unit), 部门预算/决算 (a department with its units). The
# classification name 部门预算支出经济分类 says nothing about scope.
_UNIT_SCOPE = re.compile(r"单位(?:综合)?(?:预算|决算)|^(?:\d{4}年度?)?(?:预算|决算)单位(?!:)")
_DEPARTMENT_SCOPE = re.compile(r"部门(?:综合|整体)?(?:预算|决算)(?!支出经济分类|经济分类)")


@dataclass(frozen=True)
class Clue:
    field: str  # 'dept_code' | 'dept_name' | 'fiscal_year' | 'doc_kind' | 'scope'
    value: str
    text: str  # the printed line (squashed) it was read from


def looks_like_unit_name(name: str) -> bool:
    """An organisation name: CJK, no sentence punctuation, ends like one (局, 中心, 委员会…),
    not a place alone (某市) nor a self-reference (本部门)."""
    core = unit_name(name)
    return (
        reads_as_name(core)
        and bool(_HAS_CJK.match(core))
        and not re.search(r"[《》<>]", core)
        and not _SENTENCE.search(core)
        and core not in SELF_REFERENCES
        and re.sub(r"[(（][^)）]*[)）]$", "", core).endswith(ORG_SUFFIXES)
        and not core.endswith("表")
        and not _REGION_ONLY.match(core)
    )


def kind_of(text: str) -> str | None:
    """'final_accounts' when the words say 决算, 'budget' for 预算 (fund names like 一般公共预算
    are not a kind), None when neither is printed."""
    for fund in FUND_NAMES:
        text = text.replace(fund, "")
    found = set(_KIND.findall(text))
    if found == {"决算"}:
        return "final_accounts"
    if found == {"预算"}:
        return "budget"
    return None


def scope_of(text: str) -> str | None:
    """'unit' for 单位预算/单位决算 wording, 'department' for 部门预算/部门决算, else None."""
    text = squash(text)
    if _UNIT_SCOPE.search(text):
        return "unit"
    if _DEPARTMENT_SCOPE.search(text):
        return "department"
    return None


def split_code_name(value: str) -> tuple[str | None, str | None]:
    """'101某局' / '某局(101)' / '某局 101' / '101' / '某局' → (code, name)."""
    if m := _CODE_ONLY.match(value):
        return m[1], None
    if m := _CODE_IN_PARENS.match(value):
        return m[2], m[1]
    if m := _CODE_FIRST.match(value):
        return m[1], m[2]
    if m := _CODE_LAST.match(value):
        return m[2], m[1]
    return None, value or None


def labelled_segments(line: str) -> tuple[str, list[tuple[str, str]]]:
    """'105-某局2023年度 单位:元' → ('105-某局2023年度', [('单位', '元')]): the unlabelled head
    and each label with its value (squashed)."""
    text = squash(line)
    marks = list(_LABEL.finditer(text))
    head = text[: marks[0].start()] if marks else text
    out = []
    for mark, following in zip(marks, [*marks[1:], None], strict=False):
        end = following.start() if following else len(text)
        word = next(g for g in mark.groups() if g)
        out.append((word, text[mark.end() : end]))
    return head, out


def unit_value_clues(value: str, text: str) -> list[Clue]:
    """Code, name and any year printed in one unit value ('118某局2022年')."""
    clues = [Clue("fiscal_year", y, text) for y in _YEAR_IN_VALUE.findall(value)]
    value = _YEAR_IN_VALUE.sub("", value).strip("-—–_ ")
    code, name = split_code_name(value)
    if code:
        clues.append(Clue("dept_code", code, text))
    if name and _HAS_CJK.search(name) and not _SENTENCE.search(name):
        clues.append(Clue("dept_name", label(name), text))
    return clues


def line_clues(line: str, bare: bool = True) -> list[Clue]:
    """Every identity clue of one unit line: labelled values (单位名称/部门/编制单位…,
    预算年度/年度) and, with ``bare``, an unlabelled '101 某中心' head. '单位:万元' is the money
    unit, and a name wrapped around it ('部门:某劳动与社会单位:万元保障中心') is joined."""
    head, segments = labelled_segments(line)
    text = squash(line)
    clues = bare_unit_clues(head, text) if bare else []
    pending = ""
    for word, value in segments:
        money = _MONEY_VALUE.match(value) if word in ("单位", "金额单位") else None
        if word in YEAR_LABELS:
            clues += year_label_clues(word, value, text)
        elif money:
            if pending and money[2] and _HAS_CJK.search(money[2]):
                clues = [c for c in clues if c.field != "dept_name"]
                joined = unit_value_clues(pending + money[2], text)
                clues += [c for c in joined if c.field == "dept_name"]
            pending = ""
        elif word != "金额单位":
            pending = value
            clues += unit_value_clues(value, text)
    return clues


def year_label_clues(word: str, value: str, text: str) -> list[Clue]:
    m = re.match(YEAR, value)
    if not m:
        return []
    clues = [Clue("fiscal_year", m[1], text)]
    if kind := kind_of(word):
        clues.append(Clue("doc_kind", kind, text))
    return clues


def bare_unit_clues(head: str, text: str) -> list[Clue]:
    """An unlabelled '101 某中心' (a year may follow), as many title blocks print the unit.

    Only a name that reads as an organisation counts, so a title such as '2023年部门收支总表' or
    a sentence that happens to start with digits never becomes a unit.
    """
    m = _BARE_LINE.match(head)
    if not m:
        return []
    clues = unit_value_clues(head, text)
    names = [c for c in clues if c.field == "dept_name"]
    if not names or not looks_like_unit_name(names[0].value):
        return []
    return clues


def without_numbering(line: str) -> str:
    """'表1 2023年…' / '一、…' / '公开01表 …' → the title, squashed, without its number."""
    return squash(IDENTITY_NUMBERING.sub("", one_line(line), count=1))


def title_clues(line: str) -> list[Clue]:
    """The year, unit, kind and scope inside a table title ('一、2017年度某法院部门收支预算总表'),
    or a year printed alone under one ('（2026年度）')."""
    text = without_numbering(line)
    if TOC_LEADER.search(text) or _SENTENCE.search(text):
        return []
    if m := _ONLY_YEAR.match(text):
        return [Clue("fiscal_year", m[1], text)]
    m = TITLE_WITH_YEAR.match(text)
    if not m:
        return []
    clues = [Clue("fiscal_year", m[2], text)]
    named = re.match(r"(.+?)(?:部门|单位)", m["rest"])  # '2017年度某法院部门收支预算总表'
    name = m["name"] or (named[1] if named else "")
    if looks_like_unit_name(name):
        clues.append(Clue("dept_name", label(name), text))
    if kind := kind_of(m["rest"]):
        clues.append(Clue("doc_kind", kind, text))
    if scope := scope_of(m["rest"]):
        clues.append(Clue("scope", scope, text))
    return clues


def cover_clues(text: str) -> list[Clue]:
    """A cover heading, its lines joined ('2026年' + '某局部门预算'; '某局2023年度部门预算信息公开';
    '某县卫生健康局'): the unit, year, kind and scope it names. A date of publication
    ('二〇二二年二月', '2026年1月') is no fiscal year."""
    text = without_numbering(text)
    if TOC_LEADER.search(text) or _SENTENCE.search(text) or re.search(r"\d{4}年\d{1,2}月", text):
        return []
    clues = []
    if looks_like_unit_name(text):
        clues.append(Clue("dept_name", unit_name(text), text))
    if not (kind := kind_of(text)):
        return clues
    if not clues and looks_like_unit_name(unit_name(text)):  # '某局2026年度部门预算信息公开'
        clues.append(Clue("dept_name", unit_name(text), text))
    if m := re.search(YEAR + r"\s*(?:年|部门|单位)", text):
        clues.append(Clue("fiscal_year", m[1], text))
    clues.append(Clue("doc_kind", kind, text))
    if scope := scope_of(text):
        clues.append(Clue("scope", scope, text))
    return clues


def narrative_clues(text: str) -> list[Clue]:
    """'现将某局2023年部门预算公开如下' in the narrative's opening (text squashed, joined)."""
    m = NARRATIVE_OPENING.search(squash(text))
    if not m:
        return []
    clues = [Clue("fiscal_year", m[2], m[0]), Clue("doc_kind", kind_of(m["kind"]) or "", m[0])]
    if looks_like_unit_name(m["name"]):
        clues.append(Clue("dept_name", unit_name(m["name"]), m[0]))
    if scope := scope_of(m[0]):
        clues.append(Clue("scope", scope, m[0]))
    return clues


def cell_label_clues(cells: list[str]) -> list[Clue]:
    """A table row labelling its unit ('部门名称 | 某局', '单位名称：某局'): the name after it."""
    texts = [squash(c) for c in cells]
    for n, text in enumerate(texts):
        word = text.rstrip(":")
        if word in UNIT_LABELS and word not in ("部门", "单位"):
            following = next((t for t in texts[n + 1 :] if t and t != text), "")
            if looks_like_unit_name(following):
                return [Clue("dept_name", unit_name(following), f"{word}:{following}")]
    return []
