"""PDF → raw tables and page text. No Dagster, no DuckDB: callable from a test on a PDF."""
