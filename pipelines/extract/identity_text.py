"""Read identity evidence out of printed lines: labelled unit lines, bare code+name lines,
years, and the 预算/决算 kind. Pure functions over NFKC-squashed text; no PDF here.

Each reader returns :class:`Clue` values (field, value, the text it came from); which region of
the document a line sits in (title block, cover, narrative…) is decided by the caller.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipelines.text import label, one_line, squash

from .vocabulary import (
    COVER_TITLE,
    FUND_NAMES,
    IDENTITY_NUMBERING,
    MONEY_UNITS,
    NARRATIVE_OPENING,
    ORG_SUFFIXES,
    SELF_REFERENCES,
    TITLE_WITH_YEAR,
    TOC_LEADER,
    UNIT_LABELS,
    YEAR,
    YEAR_LABELS,
)

_LABEL = re.compile(
    "("
    + "|".join(re.escape(w) for w in sorted(UNIT_LABELS + YEAR_LABELS, key=len, reverse=True))
    + r"):"
)
_YEAR_IN_VALUE = re.compile(YEAR + r"年度?")
_CODE_FIRST = re.compile(r"^(\d{2,})[-—–_.、]?(\D.*)$")
_CODE_IN_PARENS = re.compile(r"^(\D.*?)\((\d{2,})\)$")
_CODE_LAST = re.compile(r"^(\D.*?)[-—–_]?(\d{3,})$")
_CODE_ONLY = re.compile(r"^(\d{2,})$")
_BARE_LINE = re.compile(r"^(\d{2,})[-—–_]?([^\d年].*)$")
_SENTENCE = re.compile(r"[,，。;；、!？?]")
_TRAILING_NOTE = re.compile(r"\((?:含[^)]*|本级|机关|汇总)\)$")
_HAS_CJK = re.compile(r"[\u4e00-\u9fff]")
_MONEY_VALUE = re.compile("^(" + "|".join(MONEY_UNITS) + ")(.*)$")
_KIND = re.compile(r"(预算|决算)")


@dataclass(frozen=True)
class Clue:
    field: str  # 'dept_code' | 'dept_name' | 'fiscal_year' | 'doc_kind'
    value: str
    text: str  # the printed line (squashed) it was read from


def looks_like_unit_name(name: str) -> bool:
    """An organisation name: CJK, no sentence punctuation, ends like one (局, 中心, 委员会…)."""
    core = _TRAILING_NOTE.sub("", name)
    return (
        2 <= len(core) <= 40
        and bool(_HAS_CJK.search(core))
        and not _SENTENCE.search(core)
        and core not in SELF_REFERENCES
        and core.endswith(ORG_SUFFIXES)
        and not core.endswith("表")
    )


def name_key(name: str) -> str:
    """What two printings of one unit name share: squashed, a trailing (含所属单位) dropped."""
    return _TRAILING_NOTE.sub("", squash(name))


def unit_names_agree(a: str | None, b: str | None) -> bool:
    """Two printings of one unit: equal, or one is the other without its region prefix."""
    if not a or not b:
        return True
    ka, kb = name_key(a), name_key(b)
    return ka.endswith(kb) or kb.endswith(ka)


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


def labelled_segments(text: str) -> tuple[str, list[tuple[str, str]]]:
    """'105-某局2023年度单位:元' → ('105-某局2023年度', [('单位', '元')]): the unlabelled head
    and each label with its value."""
    marks = list(_LABEL.finditer(text))
    head = text[: marks[0].start()] if marks else text
    out = []
    for mark, following in zip(marks, [*marks[1:], None], strict=False):
        end = following.start() if following else len(text)
        out.append((mark[1], text[mark.end() : end]))
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


def line_clues(line: str) -> list[Clue]:
    """Every identity clue of one title-block line: labelled values (单位名称/部门/编制单位…,
    预算年度/年度) and an unlabelled '101 某中心' head. '单位:万元' is the money unit, and a name
    wrapped around it ('部门:某劳动与社会单位:万元保障中心') is joined."""
    text = squash(line)
    head, segments = labelled_segments(text)
    clues = bare_unit_clues(head, text)
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
    """The year (and unit) inside a table title: '一、2017年度某法院部门收支预算总表'."""
    text = without_numbering(line)
    if TOC_LEADER.search(text) or _SENTENCE.search(text):
        return []
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
    return clues


def cover_clues(line: str) -> list[Clue]:
    """A cover or contents heading ('某局', '2023年部门预算', '2021年部门预算信息公开目录')."""
    text = without_numbering(line)
    if looks_like_unit_name(text):
        return [Clue("dept_name", label(text), text)]
    m = COVER_TITLE.match(text)
    if not m:
        return []
    clues = [Clue("fiscal_year", m[2], text), Clue("doc_kind", kind_of(m["kind"]) or "", text)]
    if looks_like_unit_name(m["name"]):
        clues.append(Clue("dept_name", label(m["name"]), text))
    return clues


def narrative_clues(text: str) -> list[Clue]:
    """'现将某局2023年部门预算公开如下' in the narrative's opening (text squashed, joined)."""
    m = NARRATIVE_OPENING.search(squash(text))
    if not m:
        return []
    clues = [Clue("fiscal_year", m[2], m[0]), Clue("doc_kind", kind_of(m["kind"]) or "", m[0])]
    if looks_like_unit_name(m["name"]):
        clues.append(Clue("dept_name", label(m["name"]), m[0]))
    return clues
