-- Each mart table's recorded definition (sha256 of its sql/mart file), and whether a relation
-- of that name exists as a table or as a view (a warehouse from before the marts were tables).
select
    marts.mart,
    builds.sql_sha256,
    (select count(*) from duckdb_tables() where schema_name = 'mart' and table_name = marts.mart)
        > 0 as is_table,
    (select count(*) from duckdb_views() where schema_name = 'mart' and view_name = marts.mart)
        > 0 as is_view
from (select unnest(cast($marts as varchar[])) as mart) as marts
left join mart_refresh.builds as builds on marts.mart = builds.mart
