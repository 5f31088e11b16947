-- Which figures stated in the narrative (情况说明) disagree with the tables?
select file_name, fact_key, narrative_wan as stated, table_wan as in_tables, table_cell,
    source_sentence
from mart.narrative_vs_tables
where not matches
union all
select file_name, item_key, cast(observed as decimal(20, 6)), cast(expected as decimal(20, 6)),
    check_name, message
from mart.failed_checks
where suite in ('narrative', 'year_over_year')
order by file_name, fact_key;
