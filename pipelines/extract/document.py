"""One PDF → its metadata, stitched family tables, and the grids/pages the narrative needs."""

from __future__ import annotations

import hashlib
import logging
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from pipelines.limits import at
from pipelines.schema import DocumentMeta

from .compilation import Compilation, compilation_parts
from .content import disclosure_content
from .document_notes import document_notes, notes_json
from .families import resolve_family
from .grid_trim import trim_grid
from .grids import ENGINES, Grid, read_grids, without_overprint
from .identity import read_identity
from .narrative import narrative_facts
from .pdf_text import PageText, open_pdf, read_pages
from .published import publication
from .tables import RawTable, TitledGrid, assemble_tables

log = logging.getLogger(__name__)


@dataclass
class ExtractedDocument:
    meta: DocumentMeta
    tables: list[RawTable]
    other_grids: list[TitledGrid]
    pages: list[PageText]
    grids: list[Grid]
    narrative: pd.DataFrame  # the figures its 情况说明 states (core.narrative_facts rows)
    seconds: dict[str, float] = field(default_factory=dict)  # time per stage, for benchmarks


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def most_common(values: list) -> object | None:
    present = [v for v in values if v is not None]
    return Counter(present).most_common(1)[0][0] if present else None


def document_meta(
    path: Path,
    pages: list[PageText],
    grids: list[Grid],
    tables: list[RawTable],
    manifest: dict[str, str] | None = None,
    metadata: dict[str, str] | None = None,
    content: str = "full",
) -> DocumentMeta:
    """The document's identity (see :mod:`.identity`), publication date and money unit."""
    stated = dict(manifest or {})
    published_on = stated.pop("published_at", None)
    headers = [(t.first_page, c.name) for t in tables for c in t.columns]
    identity = read_identity(pages, grids, path.name, stated, headers)
    first_table_page = min((g.page for g in grids), default=len(pages) + 1)
    published = publication(pages, first_table_page, metadata or {}, published_on)
    notes = document_notes(pages, tables, identity.fiscal_year, identity.doc_kind, content)
    return DocumentMeta(
        document_id=file_sha256(path),
        file_name=path.name,
        dept_code=identity.dept_code,
        dept_name=identity.dept_name,
        fiscal_year=identity.fiscal_year,
        doc_kind=identity.doc_kind,
        pages=len(pages),
        unit=str(most_common([t.title_block.unit for t in tables]) or "万元"),
        unit_key=identity.unit_key,
        identity_source=identity.source_json(),
        published_at=published.on if published else None,
        published_source=published.source if published else None,
        scope=identity.scope,
        content=content,
        identity_notes=identity.notes_json(),
        document_notes=notes_json(notes),
    )


def extract_document(
    path: Path,
    engines: tuple[str, ...] = tuple(ENGINES),
    manifest: dict[str, str] | None = None,
) -> ExtractedDocument:
    """Read ``path``; raise :class:`UnreadableDocument` when it is not a usable disclosure.

    ``engines``: camelot line engines in the order they are tried (see :mod:`.grids`);
    ``manifest``: identity fields stated for this file (they win over what is printed).
    """
    clock = time.perf_counter()
    pdf = open_pdf(path)
    try:
        pages = read_pages(pdf)
        metadata = pdf.get_metadata_dict(skip_empty=True)
    finally:
        pdf.close()
    parts = compilation_parts(pages)
    if parts:  # several disclosures: each is read from a file of its own (pipelines/pool.py)
        raise Compilation(parts)
    parsed = time.perf_counter()
    ruled = [p.number for p in pages if p.ruled]
    heights = {p.number: p.height for p in pages}
    grids = [trim_grid(g, heights[g.page]) for g in read_grids(path, ruled, heights, engines)]
    overprinted = {p.number for p in pages if p.overprinted}
    grids = [without_overprint(g) if g.page in overprinted else g for g in grids]
    extracted = time.perf_counter()
    at("assembling the tables and reading the narrative")
    tables, others = assemble_tables(pages, grids)
    resolve_family(tables)
    narrative = narrative_facts(pages, grids)
    content = disclosure_content(pages, tables, narrative)  # refuses what is no disclosure
    meta = document_meta(path, pages, grids, tables, manifest, metadata, content)
    seconds = {
        "pdf_text": parsed - clock,
        "camelot": extracted - parsed,
        "assemble": time.perf_counter() - extracted,
    }
    log.info("%s: %d pages, %d ruled, %d tables", path.name, len(pages), len(ruled), len(tables))
    return ExtractedDocument(meta, tables, others, pages, grids, narrative, seconds)
