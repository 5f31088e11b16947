-- Where in the tables is each figure a document's narrative states?
select fact_key, narrative_wan, table_code, table_cell, table_wan, matches
from mart.narrative_vs_tables
where unit_key = $unit_key and fiscal_year = $fiscal_year and doc_kind = 'budget'
order by fact_key;
