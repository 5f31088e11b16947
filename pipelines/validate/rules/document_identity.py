"""The document's own printings of its identity: each one the chosen identity overrode.

Identity is decided by weight of evidence (``pipelines/identity``): a ``XX局`` left in one
title, a district missing from one title block or a '规划与' for '规划和' does not refuse the
document, but an auditor wants to see it. Each overridden printing becomes one instance that
fails (observed 1 differing printing, expected 0), located by its source and page.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from ..identity import Identity
from .base import Inputs


def printings_agree(inputs: Inputs, params: Mapping[str, Any]) -> list[Identity]:
    """Per field of ``params['fields']``: one failing instance per printing that differs from
    the identity the document was loaded under, or one passing instance when none does."""
    out = []
    for field in params.get("fields", ()):
        notes = [n for n in inputs.identity_notes if n.get("field") == field]
        out += [overridden(n) for n in notes]
        if not notes:
            relation = f"no printing of the {field} differs from the one loaded"
            out.append(Identity(None, field, Decimal(0), Decimal(0), 1, relation))
    return out


def overridden(note: Mapping[str, Any]) -> Identity:
    where = f"{note.get('source')} p{note['page']}" if note.get("page") else note.get("source")
    return Identity(
        table_code=None,
        item_key=f"{note['field']}: {note['printed']!r} ({note['kind']}, {where})",
        expected=Decimal(0),
        observed=Decimal(1),
        addend_count=1,
        relation=f"every printing of the {note['field']} reads {note['chosen']!r}",
    )
