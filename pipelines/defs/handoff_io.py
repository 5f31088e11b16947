"""``tidy_frames`` stored as the Parquet handoff, so the load step can run in another process or
on another machine than extraction (shared storage between them, see deploy/README.md)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import dagster as dg
from pydantic import PrivateAttr

from pipelines.handoff import is_handoff, read_frames, write_frames
from pipelines.ingest import DocumentFrames

from .constants import DEFAULT_HANDOFF, HANDOFF_ENV

# The resource key Dagster gives the IO manager of tidy_frames (``io_manager_def``), for run config.
HANDOFF_IO_MANAGER_KEY = "tidy_frames__io_manager"


class HandoffIOManager(dg.ConfigurableIOManager):
    """One folder per partition, holding that document's handoff (``pipelines.handoff``); an
    empty folder means "nothing to load" (the bytes were already in the warehouse)."""

    # Empty: <the Dagster instance's storage>/handoff (DAGSTER_HOME/storage), else data/handoff.
    # On a cluster: a folder every worker and the writer mount (PIPELINES_HANDOFF_DIR).
    base_dir: str = ""
    _root: Path = PrivateAttr()

    def setup_for_execution(self, context: dg.InitResourceContext) -> None:
        if self.base_dir:
            self._root = Path(self.base_dir)
        elif context.instance is not None:
            self._root = Path(context.instance.storage_directory()) / "handoff"
        else:
            self._root = DEFAULT_HANDOFF

    def folder(self, context: dg.OutputContext | dg.InputContext) -> Path:
        partition = context.partition_key if context.has_partition_key else "__unpartitioned__"
        return self._root.joinpath(*context.asset_key.path, partition)

    def handle_output(self, context: dg.OutputContext, obj: DocumentFrames | None) -> None:
        folder = self.folder(context)
        folder.mkdir(parents=True, exist_ok=True)
        written = write_frames(obj, folder) if obj is not None else None
        for other in folder.iterdir():  # an earlier version of the file under the same name
            if other != written and not other.name.startswith("."):
                shutil.rmtree(other, ignore_errors=True)
        context.add_output_metadata({"handoff": dg.MetadataValue.path(str(written or folder))})

    def load_input(self, context: dg.InputContext) -> DocumentFrames | None:
        folder = self.folder(context)
        if not folder.is_dir():
            raise FileNotFoundError(
                f"no handoff at {folder}: has {context.asset_key.to_user_string()} run for this "
                "partition, and is that folder on storage this machine mounts?"
            )
        handoffs = sorted((p for p in folder.iterdir() if is_handoff(p)), key=os.path.getmtime)
        return read_frames(handoffs[-1]) if handoffs else None


def handoff_io_manager() -> HandoffIOManager:
    """The default, with the folder from PIPELINES_HANDOFF_DIR (run config can override it)."""
    return HandoffIOManager(base_dir=os.environ.get(HANDOFF_ENV, ""))
