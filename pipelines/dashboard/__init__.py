"""The dashboard (Streamlit): coverage, a unit's page, data quality, and every figure linked to
the PDF page it was printed on with its cell outlined.

It reads only the published read-only snapshot (``<warehouse>.snapshot.duckdb``), never the
writer's file, so it never blocks ingestion. Start it with ``make dashboard``.
"""
