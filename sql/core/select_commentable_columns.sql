-- Every core and mart table, view and column with its comment, for COMMENT ON from the
-- contract (pipelines/warehouse/comments.py). column_name is NULL on the object's own row.
select schema_name, table_name, null as column_name, comment
from duckdb_tables()
where schema_name in ('core', 'mart')
union all
select schema_name, view_name, null, comment
from duckdb_views()
where schema_name in ('core', 'mart') and not internal
union all
select schema_name, table_name, column_name, comment
from duckdb_columns()
where schema_name in ('core', 'mart');
