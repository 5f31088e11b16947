-- Which units and years does the warehouse cover, and can their figures be trusted?
select unit_key, any_value(dept_name) as dept_name, doc_kind,
    string_agg(fiscal_year::varchar, ', ' order by fiscal_year) as years,
    count(*) as documents,
    count(*) filter (where trusted) as trusted_documents
from mart.dq_scoreboard
where status = 'loaded'
group by unit_key, doc_kind
order by unit_key, doc_kind;
