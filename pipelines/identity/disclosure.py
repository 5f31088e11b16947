"""The disclosure: the grain above files.

A disclosure is one unit's budget or final accounts for one year, at one scope: (unit_key,
fiscal_year, doc_kind, scope). It is published as one file (narrative and tables) or as two
halves (a narrative-only file and a tables file), in either order. Two files are versions of
each other only when they are the same half of the same disclosure: a narrative never
replaces its tables, and a 部门 (department) disclosure never replaces the 单位 (unit) one of
the same name.
"""

from __future__ import annotations

from typing import Protocol

TABLES, NARRATIVE = "tables", "narrative"  # the parts a file can be a version of


class HasIdentity(Protocol):
    unit_key: str
    fiscal_year: int
    doc_kind: str
    scope: str
    content: str


def part_of(content: str) -> str:
    """A file with the tables (with or without its narrative) is the tables part; a
    narrative-only file is the narrative part."""
    return NARRATIVE if content == NARRATIVE else TABLES


def disclosure_key(meta: HasIdentity) -> dict[str, object]:
    """What makes two files parts of one disclosure."""
    return {
        "unit_key": meta.unit_key,
        "fiscal_year": meta.fiscal_year,
        "doc_kind": meta.doc_kind,
        "scope": meta.scope,
    }


def version_key(meta: HasIdentity) -> dict[str, object]:
    """What makes two files versions of one publication: the same part of one disclosure."""
    return disclosure_key(meta) | {"part": part_of(meta.content)}
