"""All-or-nothing writes: a failed load must leave the warehouse exactly as it was."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager

import duckdb
import pandas as pd


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """Run the block in one transaction; roll back on any exception and re-raise it."""
    con.begin()
    try:
        yield
    except BaseException:
        con.rollback()
        raise
    con.commit()


@contextmanager
def registered(
    con: duckdb.DuckDBPyConnection, frames: Mapping[str, pd.DataFrame]
) -> Iterator[None]:
    """Expose each frame to SQL files under its name (``incoming_facts`` …) for the block.

    SQL files then read fixed relation names instead of Python variables. Enter this outside
    ``transaction``: an aborted transaction refuses to unregister until it is rolled back.
    """
    for name, frame in frames.items():
        con.register(name, frame)
    try:
        yield
    finally:
        for name in frames:
            con.unregister(name)
