"""When CPython's cyclic garbage collector runs: between units of work, not inside them.

The collector wakes every few hundred allocations and walks every tracked object of the
generations it collects. Importing great-expectations (pydantic models by the hundred) and
reading a PDF with camelot (a layout object per character) allocate in long bursts, so the
collector walks the same growing heaps again and again: a quarter of great-expectations'
import and a fifth of extraction on this machine (benchmarks/README.md). Reference counting
frees nearly everything a document leaves behind; the few reference cycles are collected once
the unit of work is over, so memory stays bounded across a long batch.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager


def paused_for_imports() -> AbstractContextManager[None]:
    """Import without collecting, then freeze what was imported: modules, classes and their
    caches live as long as the process, so later collections need not walk them."""
    return _collector_off(then=gc.freeze)


def paused_for_work() -> AbstractContextManager[None]:
    """Run one unit of work (a document, a chunk) without collecting; collect once after."""
    return _collector_off(then=gc.collect)


@contextmanager
def _collector_off(then: Callable[[], object]) -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        then()
        if was_enabled:
            gc.enable()
