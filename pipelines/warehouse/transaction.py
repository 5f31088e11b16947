"""All-or-nothing writes: a failed load must leave the warehouse exactly as it was."""

from __future__ import annotations

from collections.abc import Iterator
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
def registered(con: duckdb.DuckDBPyConnection, name: str, frame: pd.DataFrame) -> Iterator[None]:
    """Expose ``frame`` to SQL files as the relation ``name`` for the duration of the block.

    SQL files then read a fixed name (``incoming_facts``) instead of a Python variable.
    """
    con.register(name, frame)
    try:
        yield
    finally:
        con.unregister(name)
