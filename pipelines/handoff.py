"""One document's tidy frames as files: the handoff between extraction and the single writer.

Extraction is CPU-bound and embarrassingly parallel; loading is not (DuckDB admits one writing
process). A cluster therefore extracts on any worker and loads on one, and needs a format for
what crosses between them that is not a pickle of Python objects: Parquet for the three frames
(exact dtypes, Arrow decimals included, so amounts stay exact), JSON for the document's
metadata. A handoff is a folder, written under a temporary name and renamed into place, so a
reader never sees half of one.
"""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import uuid
from datetime import date
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from pipelines.ingest import DocumentFrames
from pipelines.schema import DocumentMeta

FORMAT = 1  # bump when the layout changes: a writer must not load what it cannot read
FRAMES = ("facts", "narrative", "targets")
DOCUMENT_JSON = "document.json"


class HandoffError(ValueError):
    """A handoff folder this code cannot read (another format version, or incomplete)."""


def write_frames(frames: DocumentFrames, directory: Path) -> Path:
    """Write ``frames`` to ``directory/<document_id>`` (replacing an earlier one) and return it.

    The document id is the file's sha256, so the same bytes extracted twice land in one place.
    """
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    target = directory / frames.meta.document_id
    temp = directory / f".{target.name}.tmp-{uuid.uuid4().hex[:8]}"
    temp.mkdir()
    try:
        for name in FRAMES:
            getattr(frames, name).to_parquet(temp / f"{name}.parquet", index=False)
        document = {
            "format": FORMAT,
            "meta": dataclasses.asdict(frames.meta),
            "tables_found": frames.tables_found,
            "seconds": frames.seconds,
        }
        (temp / DOCUMENT_JSON).write_text(
            json.dumps(document, ensure_ascii=False, indent=1, default=_json_default),
            encoding="utf-8",
        )
        _replace_dir(temp, target)
    except BaseException:
        shutil.rmtree(temp, ignore_errors=True)
        raise
    return target


def read_frames(path: str | Path) -> DocumentFrames:
    """The frames ``write_frames`` wrote to ``path``, with the dtypes they had."""
    path = Path(path)
    try:
        document = json.loads((path / DOCUMENT_JSON).read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise HandoffError(f"{path} is not a handoff: no {DOCUMENT_JSON}") from exc
    if document.get("format") != FORMAT:
        raise HandoffError(
            f"{path} has handoff format {document.get('format')}, this code reads {FORMAT}: "
            "extract it again with the writer's version of the pipeline"
        )
    meta = dict(document["meta"])
    if meta.get("published_at"):
        meta["published_at"] = date.fromisoformat(meta["published_at"])
    return DocumentFrames(
        meta=DocumentMeta(**meta),
        facts=_read_frame(path / "facts.parquet"),
        narrative=_read_frame(path / "narrative.parquet"),
        targets=_read_frame(path / "targets.parquet"),
        tables_found=list(document["tables_found"]),
        seconds={k: float(v) for k, v in document["seconds"].items()},
    )


def is_handoff(path: Path) -> bool:
    """A complete handoff folder (temporary folders being written start with a dot)."""
    return path.is_dir() and not path.name.startswith(".") and (path / DOCUMENT_JSON).is_file()


def _read_frame(path: Path) -> pd.DataFrame:
    """pandas' own metadata in the file restores string and nullable dtypes; decimals come back
    as Arrow decimals (not Python ``Decimal`` objects) and object columns as lists (``bbox``)."""
    table = pq.read_table(path)
    frame = table.to_pandas(types_mapper=_decimal_as_arrow)
    stored = {c["name"]: c["numpy_type"] for c in (table.schema.pandas_metadata or {})["columns"]}
    for column in frame.columns:  # object columns other than decimals; empty: read as float64
        if stored.get(column) == "object" and not isinstance(frame[column].dtype, pd.ArrowDtype):
            frame[column] = pd.Series(
                [v.tolist() if hasattr(v, "tolist") else v for v in frame[column]],
                index=frame.index,
                dtype=object,
            )
    return frame


def _decimal_as_arrow(arrow_type: pa.DataType) -> pd.ArrowDtype | None:
    return pd.ArrowDtype(arrow_type) if pa.types.is_decimal(arrow_type) else None


def _json_default(value: object) -> str:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} to a handoff's {DOCUMENT_JSON}")


def _replace_dir(source: Path, target: Path) -> None:
    """Rename ``source`` to ``target``; an existing ``target`` is moved aside first (a folder
    cannot be renamed over a non-empty one), so readers see the old or the new, never a mix."""
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}.old-{uuid.uuid4().hex[:8]}")
        os.rename(target, old)
    os.rename(source, target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
