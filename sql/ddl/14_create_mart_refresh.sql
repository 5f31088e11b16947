-- Bookkeeping of the mart tables (pipelines/warehouse/marts.py), kept out of `core` and `mart`
-- because it is machinery, not something analysts query.
create schema if not exists mart_refresh;

-- Which definition (sha256 of sql/mart/<mart>.sql) each mart table was last built from in
-- full: a table whose file changed is rebuilt on connect, as an edited view used to be.
create table if not exists mart_refresh.builds (
    mart varchar primary key,
    sql_sha256 varchar not null,
    built_at timestamp not null
);

-- Facts per document up to fact_id max_fact_id, so mart.document_versions need not count
-- 8M facts on each query. Facts are never updated or deleted and fact_id only grows, so the
-- view adds the live count of facts above the highest max_fact_id and stays exact.
create table if not exists mart_refresh.document_fact_counts (
    document_id varchar not null,
    fact_count bigint not null,
    max_fact_id bigint not null
);

-- True when a mart row of unit_key belongs to a refresh of unit_keys (NULL: every unit).
create or replace macro mart_refresh.in_scope(unit_key, unit_keys) as
    unit_keys is null or list_contains(unit_keys, unit_key);
