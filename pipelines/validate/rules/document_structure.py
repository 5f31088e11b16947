"""What a reader notices about the whole document, each note one failing instance.

The notes are read at extraction (``pipelines/extract/document_notes``): a table the 目录
lists that no page prints, a blank table without its note, template leftovers, a 截至 date
of an earlier year. None of them makes two figures disagree, so the checks are warnings, but
each names what is printed and where, which is what an auditor needs to raise it.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from ..identity import Identity, fmt
from ..locate import Locator
from .base import Inputs


def nothing_noticed(inputs: Inputs, params: Mapping[str, Any]) -> list[Identity]:
    """One failing instance per note of the kinds in ``params['kinds']``; one passing
    instance when the document has none (so the scoreboard shows the check ran)."""
    kinds = set(params["kinds"])
    notes = [n for n in inputs.document_notes if n.get("kind") in kinds]
    if not notes:
        relation = f"the document prints no {' / '.join(sorted(kinds))}"
        return [Identity(None, "document", Decimal(0), Decimal(0), 1, relation)]
    return [_noticed(n) for n in notes]


def blank_tables_explained(inputs: Inputs, params: Mapping[str, Any]) -> list[Identity]:
    """A blank table without a note fails unless the document explains it in figures: the
    fund it breaks down is printed as absent or zero in the summary tables
    (``params['explained_by']``: table code → locators), e.g. a blank 政府性基金 table beside
    a 收支总表 with no 政府性基金 income. Such a blank passes, with the figure named."""
    out = []
    for note in inputs.document_notes:
        if note.get("kind") != "blank_table" or note.get("noted"):
            continue
        locators = [Locator.parse(s) for s in params["explained_by"].get(note["table_code"], [])]
        located = [(loc, *loc.figure(inputs.sheet)) for loc in locators]
        zero = next(((loc, where) for loc, amount, where in located if amount == 0), None)
        if zero is None:
            out.append(_noticed(note))
            continue
        relation = f"blank, as {zero[0].describe()} ({zero[1]}) is {fmt(Decimal(0))}"
        out.append(Identity(note["table_code"], _key(note), Decimal(0), Decimal(0), 1, relation))
    if not out:
        relation = "every table prints a figure or a note saying why it is blank"
        out.append(Identity(None, "document", Decimal(0), Decimal(0), 1, relation))
    return out


def _key(note: Mapping[str, Any]) -> str:
    return f"p{note['page']}: {note['printed']}"


def _noticed(note: Mapping[str, Any]) -> Identity:
    return Identity(
        table_code=note.get("table_code"),
        item_key=_key(note),
        expected=Decimal(0),
        observed=Decimal(1),
        addend_count=1,
        relation=str(note["detail"]),
    )
