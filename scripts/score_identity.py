#!/usr/bin/env python3
"""Score a warehouse's identities against an identity answer key (tests/corpus_real/identity).

Usage:
    python scripts/score_identity.py --warehouse W.duckdb [--key-dir DIR] [--json OUT] [-v]

The key holds, per file, what a careful reader finds printed in it: its content (full,
narrative, tables, not_disclosure, scan) and the disclosure it belongs to (unit as printed plus
accepted printings, year, kind, scope). A file is scored:

- right      keyed disclosure, loaded, unit/year/kind/scope all as keyed
- wrong      loaded under another unit, year, kind or scope (the worst outcome)
- refused    keyed disclosure, quarantined (a needless refusal loses the document)
- quarantined / loaded_non_disclosure   for files the key says are not disclosures
  (a scan whose content is unknown counts as a non-disclosure: refusing it is right)

Names are compared after removing whitespace and unifying bracket widths, nothing more: the
scorer does not use the product's own name matching. Only duckdb and the standard library.
The last line printed is always
    identity: right=R/N wrong=W refused=F non_disclosures=Q/M loaded_non_disclosures=L
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

import duckdb

KEY_DIR = Path(__file__).resolve().parent.parent / "tests/corpus_real/identity"
NOT_DISCLOSURES = {"not_disclosure", "template", "scan"}


def norm(name: str | None) -> str:
    text = re.sub(r"\s+", "", name or "")
    return text.replace("（", "(").replace("）", ")")


def read_key(key_dir: Path) -> dict[str, dict]:
    rows = [row for f in sorted(key_dir.glob("*.json")) for row in json.loads(f.read_text("utf-8"))]
    return {row["file"]: row for row in rows}


def documents(warehouse: Path) -> dict[str, dict]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        cursor = con.execute("select * from core.documents")
        names = [d[0] for d in cursor.description]
        rows = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    latest: dict[str, dict] = {}
    for row in rows:  # a file ingested twice: its last state
        latest[row["file_name"]] = row
    return latest


def mismatches(row: dict, keyed: dict) -> list[str]:
    """The identity fields in which a loaded row differs from the keyed disclosure."""
    names = {norm(keyed["dept_name"]), *map(norm, keyed.get("accepted_names") or [])}
    wrong = []
    if norm(row["dept_name"]) not in names:
        wrong.append(f"unit {row['dept_name']!r} (key {keyed['dept_name']!r})")
    for field in ("fiscal_year", "doc_kind", "scope"):
        if row.get(field) != keyed[field]:
            wrong.append(f"{field} {row.get(field)!r} (key {keyed[field]!r})")
    if row["dept_code"] != keyed.get("dept_code"):  # a wrong code splits the unit's years
        wrong.append(f"code {row['dept_code']!r} (key {keyed['dept_code']!r})")
    return wrong


def score(warehouse: Path, key_dir: Path) -> dict:
    key, docs = read_key(key_dir), documents(warehouse)
    kinds = ("right", "wrong", "refused", "missing", "quarantined", "loaded_non_disclosure")
    outcome: dict[str, list] = {k: [] for k in kinds}
    for file, keyed in sorted(key.items()):
        row = docs.get(file)
        if keyed["content"] in NOT_DISCLOSURES or not keyed["disclosures"]:
            if row is not None and row["status"] == "loaded":
                outcome["loaded_non_disclosure"].append((file, row["dept_name"]))
            elif row is not None:
                outcome["quarantined"].append((file, row["error"]))
            else:
                outcome["missing"].append((file, "not in the warehouse"))
            continue
        if row is None:
            outcome["missing"].append((file, "not in the warehouse"))
        elif row["status"] not in ("loaded", "superseded", "candidate"):  # versions are kept
            outcome["refused"].append((file, row["error"]))
        elif wrong := mismatches(row, keyed["disclosures"][0]):
            outcome["wrong"].append((file, "; ".join(wrong)))
        else:
            outcome["right"].append((file, row["dept_name"]))
    disclosures = sum(
        1 for k in key.values() if k["disclosures"] and k["content"] not in NOT_DISCLOSURES
    )
    return {"disclosures": disclosures, "non_disclosures": len(key) - disclosures, **outcome}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--warehouse", type=Path, required=True)
    parser.add_argument("--key-dir", type=Path, default=KEY_DIR)
    parser.add_argument("--json", type=Path)
    parser.add_argument("-v", "--verbose", action="store_true", help="list every right file too")
    args = parser.parse_args()
    result = score(args.warehouse, args.key_dir)
    for kind in ("wrong", "refused", "missing", "loaded_non_disclosure", "quarantined", "right"):
        if kind in ("quarantined", "right") and not args.verbose:
            continue
        for file, why in result[kind]:
            print(f"{kind:>22}  {file}: {str(why)[:300]}")
    if args.json:
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    print(
        f"identity: right={len(result['right'])}/{result['disclosures']} "
        f"wrong={len(result['wrong'])} refused={len(result['refused']) + len(result['missing'])} "
        f"non_disclosures={len(result['quarantined'])}/{result['non_disclosures']} "
        f"loaded_non_disclosures={len(result['loaded_non_disclosure'])}"
    )
    return 0 if not result["wrong"] and not result["loaded_non_disclosure"] else 1


if __name__ == "__main__":
    sys.exit(main())
