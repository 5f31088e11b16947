-- The CHECK constraints of core.fact_line_items as created (an older warehouse lists fewer
-- table codes than today's DDL).
select constraint_text
from duckdb_constraints()
where schema_name = 'core' and table_name = 'fact_line_items' and constraint_type = 'CHECK'
