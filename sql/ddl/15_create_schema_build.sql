-- Which definitions (sha256 of every sql/ddl and sql/mart file and of the warehouse contract's
-- comments) this warehouse was last brought up to. Connecting re-creates views and re-checks
-- comments only when they changed, not on every connect (pipelines/warehouse/ddl.py).
create table if not exists mart_refresh.schema_build (
    sql_sha256 varchar not null,
    built_at timestamp not null
);
