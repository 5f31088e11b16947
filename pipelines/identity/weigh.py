"""A document's printed clues → one identity, by weight of evidence.

Each field's printings are grouped by what they stand for (one unit printed several ways is
one group, see :mod:`.names`); the group with the most support wins. The document is refused
only when a careful reader could not tell either: two strong places (unit lines, titles,
cover) naming different units, years or kinds with comparable support, or nothing printed at
all. Every printing the winner overrode is kept as a :class:`Disagreement`, so a ``XX局`` left
in a heading or a district missing from one title is reported as a warning, never hidden.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field

from pipelines.extract.errors import UnreadableDocument

from .evidence import FIELDS, STATING, STRONG, Evidence
from .names import (
    folded,
    is_placeholder,
    name_key,
    one_slip,
    reads_as_name,
    same_unit,
    scope_of_note,
    unit_name,
)

HOW_TO_FIX = (
    "check the PDF, or state the identity in a manifest row "
    "(ingest --manifest FILE.csv: file,unit_code,unit_name,year,kind,scope)"
)
# The winner must have at least this many times the strong support of a rival group, or the
# document is refused: one cover typo against nine table titles is a slip, one against one is
# a document a person has to look at.
DECISIVE = 3.0


@dataclass(frozen=True)
class Disagreement:
    """A printing the chosen identity overrode: reported (a warning), never fatal."""

    field: str
    chosen: str
    printed: str
    kind: str  # placeholder | abbreviation | missing_prefix | slip | other_value
    source: str
    page: int | None
    text: str


@dataclass(frozen=True)
class Identity:
    dept_code: str | None
    dept_name: str | None
    fiscal_year: int
    doc_kind: str  # 'budget' | 'final_accounts'
    scope: str  # 'department' | 'unit'
    sources: dict[str, dict[str, object]]  # field → {source, page, text}
    disagreements: tuple[Disagreement, ...] = ()

    @property
    def unit_key(self) -> str:
        """What marts group a unit by: the printed code, else the name without a scope note."""
        return self.dept_code or name_key(self.dept_name or "")

    def source_json(self) -> str:
        return json.dumps(self.sources, ensure_ascii=False, sort_keys=True)

    def notes_json(self) -> str:
        """The overridden printings, for the document_identity suite (warnings)."""
        return json.dumps([asdict(d) for d in self.disagreements], ensure_ascii=False)


@dataclass
class Group:
    """Printings that stand for one value, with the support they add up to."""

    value: str
    members: list[Evidence] = field(default_factory=list)

    def support(self, floor: float = 0.0) -> float:
        """Σ weight over distinct (source, page) of printings weighing ``floor`` or more: a
        running header on 40 pages is 40 printings, a unit line repeated on one page one."""
        seen: dict[tuple[str, int | None], float] = {}
        for e in self.members:
            if e.weight >= floor:
                seen[(e.source, e.page)] = e.weight
        return sum(seen.values())

    @property
    def strongest(self) -> Evidence:
        return max(self.members, key=lambda e: (e.weight, -(e.page or 0)))


def group_values(evidence: Sequence[Evidence], same: Callable[[str, str], bool]) -> list[Group]:
    """Printings grouped by ``same`` (each joins the first group it agrees with)."""
    groups: list[Group] = []
    for e in evidence:
        home = next((g for g in groups if any(same(m.value, e.value) for m in g.members)), None)
        if home is None:
            home = Group(e.value)
            groups.append(home)
        home.members.append(e)
    return sorted(groups, key=lambda g: (-g.support(), -g.support(STRONG)))


def contested(field_name: str, groups: Sequence[Group], floor: float = STRONG) -> None:
    """Refuse when a rival group has support (from printings weighing ``floor`` or more)
    that the winner does not clearly outweigh."""
    if len(groups) < 2:
        return
    winner, rival = groups[0], groups[1]
    rival_support = rival.support(floor)
    if rival_support and winner.support(floor) < DECISIVE * rival_support:
        raise UnreadableDocument(
            f"the document's {field_name} is printed differently: "
            f"{winner.strongest.describe()} vs {rival.strongest.describe()}: {HOW_TO_FIX}"
        )


def printed_names(evidence: Sequence[Evidence]) -> tuple[list[Evidence], list[Evidence]]:
    """Name printings as names ('预算单位：某局' → '某局'), and the placeholders among them."""
    names, placeholders = [], []
    for e in evidence:
        if e.field != "dept_name":
            continue
        if is_placeholder(e.value):
            placeholders.append(e)
            continue
        name = unit_name(e.value)
        if reads_as_name(name):
            names.append(Evidence(e.field, name, e.source, e.page, e.text))
    return names, placeholders


def display_name(group: Group) -> str:
    """The printing of the winning unit with most support (the fullest one on a tie)."""
    support: dict[str, float] = defaultdict(float)
    for e in group.members:
        support[e.value] += e.weight
    return max(support, key=lambda v: (support[v], len(v)))


def name_variant(chosen: str, printed: str) -> str | None:
    """How a printing of the chosen unit differs from it (None: it does not)."""
    if name_key(printed) == name_key(chosen):
        return None
    a, b = folded(printed), folded(chosen)
    if a == b:
        return "abbreviation"
    if a.endswith(b) or b.endswith(a):
        return "missing_prefix"
    return "slip" if one_slip(a, b) else "abbreviation"


def choose_name(evidence: Sequence[Evidence]) -> tuple[Evidence | None, list[Disagreement]]:
    names, placeholders = printed_names(evidence)
    printed = [e for e in names if e.source != "file_name"] or names
    groups = group_values(printed, same_unit)
    if not groups:
        return None, []
    contested("unit name", groups)
    chosen = display_name(groups[0])
    best = groups[0].strongest
    notes = [
        Disagreement("dept_name", chosen, e.value, kind, e.source, e.page, e.text)
        for e in groups[0].members
        if (kind := name_variant(chosen, e.value))
    ]
    notes += [
        Disagreement("dept_name", chosen, e.value, "other_value", e.source, e.page, e.text)
        for g in groups[1:]
        for e in g.members
    ]
    notes += [
        Disagreement("dept_name", chosen, e.value, "placeholder", e.source, e.page, e.text)
        for e in placeholders
    ]
    return Evidence("dept_name", chosen, best.source, best.page, best.text), notes


def choose_value(
    field_name: str, evidence: Sequence[Evidence]
) -> tuple[Evidence | None, list[Disagreement]]:
    """The best-supported value of a plain field (code, year, kind); the file name only
    where nothing in the document says."""
    mine = [e for e in evidence if e.field == field_name and e.value]
    printed = [e for e in mine if e.source != "file_name"] or mine
    groups = group_values(printed, str.__eq__)
    if not groups:
        return None, []
    if field_name != "scope":  # a year or kind stated once against once: nobody can tell
        contested(field_name, groups, STATING)
    winner = groups[0]
    notes = [
        Disagreement(field_name, winner.value, e.value, "other_value", e.source, e.page, e.text)
        for g in groups[1:]
        for e in g.members
    ]
    return winner.strongest, notes


def scope_evidence(evidence: Sequence[Evidence]) -> list[Evidence]:
    """Scope words plus what the name printings' notes say ('某局（本级）' → unit)."""
    notes = [
        Evidence("scope", scope, e.source, e.page, e.text)
        for e in evidence
        if e.field == "dept_name" and (scope := scope_of_note(e.value))
    ]
    return [e for e in evidence if e.field == "scope"] + notes


def decide(evidence: Sequence[Evidence]) -> Identity:
    """One identity from the evidence, or :class:`UnreadableDocument` saying what was found."""
    stated = {e.field: e for e in evidence if e.source == "manifest"}
    chosen: dict[str, Evidence | None] = {}
    notes: list[Disagreement] = []
    for name in FIELDS:
        if name in stated:
            chosen[name] = stated[name]
            continue
        if name == "dept_name":
            chosen[name], found = choose_name(evidence)
        elif name == "scope":
            chosen[name], found = choose_value(name, scope_evidence(evidence))
        else:
            chosen[name], found = choose_value(name, evidence)
        notes += found
    code, name, year = chosen["dept_code"], chosen["dept_name"], chosen["fiscal_year"]
    if year is None or (code is None and name is None):
        found_text = "; ".join(e.describe() for e in evidence if e.source != "file_name")
        raise UnreadableDocument(
            "cannot tell which unit and year this disclosure is for "
            f"(found: {found_text or 'nothing'}): {HOW_TO_FIX}"
        )
    sources = {
        f: {"source": e.source, "page": e.page, "text": e.text} for f, e in chosen.items() if e
    }
    for f, default in (("doc_kind", "no 决算 printed"), ("scope", "no 单位预算/本级 printed")):
        if chosen[f] is None:
            sources[f] = {"source": "default", "page": None, "text": default}
    kind, scope = chosen["doc_kind"], chosen["scope"]
    return Identity(
        dept_code=code.value if code else None,
        dept_name=name.value if name else None,
        fiscal_year=int(year.value),
        doc_kind=kind.value if kind else "budget",
        scope=scope.value if scope else "department",
        sources=sources,
        disagreements=tuple(notes),
    )
