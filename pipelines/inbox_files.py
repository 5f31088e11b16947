"""Which inbox entries are PDF files to ingest, and why the others are skipped.

A folder named ``x.pdf``, a FIFO (opening one blocks forever), a dangling symlink, a symlink
loop or a name that is not UTF-8 is reported with a reason and never opened, so one odd entry
cannot stop a batch.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Skipped:
    path: Path
    reason: str


def why_not_a_file(path: Path) -> str | None:
    """None for a regular file (through symlinks), else what it is instead."""
    if not utf8_name(path):
        return (
            f"its name is not UTF-8 ({os.fsencode(path.name)!r}: GBK or Latin-1 bytes, as from "
            "a zip archive made on Windows) and cannot be recorded: rename it (convmv -f gbk "
            "-t utf-8 --notest FILE) and ingest it again"
        )
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "a symlink loop: fix or remove the link"
        if path.is_symlink():
            return "a dangling symlink (its target is gone): fix or remove the link"
        return f"does not exist ({exc.strerror})"
    if stat.S_ISREG(mode):
        return None
    kind = "a folder" if stat.S_ISDIR(mode) else "a FIFO" if stat.S_ISFIFO(mode) else "not a file"
    return f"{kind}, not a regular file: skipped without opening it"


def utf8_name(path: Path) -> bool:
    """Python keeps undecodable name bytes as lone surrogates, which no UTF-8 store accepts."""
    try:
        path.name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def folder_pdfs(folder: Path) -> tuple[list[Path], list[Skipped]]:
    """The folder's ``*.pdf`` entries (any case), sorted; odd entries with their reason."""
    files: list[Path] = []
    skipped: list[Skipped] = []
    for entry in sorted(folder.iterdir()):
        if entry.suffix.lower() != ".pdf":
            continue
        reason = why_not_a_file(entry)
        if reason:
            skipped.append(Skipped(entry, reason))
        else:
            files.append(entry)
    return files, skipped


def collect(targets: list[str | Path]) -> tuple[list[Path], list[Skipped]]:
    """Files as given (any extension: a non-PDF is quarantined later), folders' PDFs."""
    files: list[Path] = []
    skipped: list[Skipped] = []
    for target in map(Path, targets):
        if target.is_dir():  # False for a symlink loop or a dangling link: reported below
            more, odd = folder_pdfs(target)
            files, skipped = files + more, skipped + odd
        elif reason := why_not_a_file(target):
            skipped.append(Skipped(target, reason))
        else:
            files.append(target)
    return files, skipped
