-- Whether this warehouse has the schema stamp (not a new file, nor one from before the stamp).
select count(*) > 0
from duckdb_tables()
where schema_name = 'mart_refresh' and table_name = 'schema_build'
