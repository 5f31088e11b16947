-- Failed checks (mart.failed_checks) with expected vs observed, the most severe first; unit is
-- '%' for a percentage check (yoy_change_pct …), else 万元. A check on a table cell names it
-- as item_key '[side: ]<code name | label> | <column>'; observed_fact_ids are that printed
-- cell's facts (observed is what was printed; expected is computed from other cells).
-- Params: $severity ('' = all), $unit_key ('' = all).
with failed as (
    select
        *,
        regexp_extract(item_key, '^(income|expenditure): ', 1) as side,
        string_split(regexp_replace(item_key, '^(income|expenditure): ', ''), ' | ') as parts
    from mart.failed_checks
    where ($severity = '' or severity = $severity)
        and ($unit_key = '' or unit_key = $unit_key)
),

cells as (
    select
        failed.document_id,
        failed.check_name,
        failed.table_code,
        failed.item_key,
        list(distinct facts.fact_id order by facts.fact_id) as fact_ids
    from failed
    inner join core.fact_line_items as facts
        on failed.document_id = facts.document_id
        and failed.table_code = facts.table_code
        and len(failed.parts) = 2
        and (failed.side = '' or facts.side = failed.side)
        and facts.column_name = failed.parts[2]
        and (
            facts.item_code = regexp_extract(failed.parts[1], '^(\S+) ', 1)
            or (
                facts.item_code is null
                and core.label_key(facts.item_name) = core.label_key(failed.parts[1])
            )
        )
    group by all
)

select
    failed.dept_code,
    failed.dept_name,
    failed.fiscal_year,
    failed.doc_kind,
    failed.file_name,
    failed.document_status,
    failed.suite,
    failed.check_name,
    failed.severity,
    failed.table_code,
    failed.item_key,
    failed.expected,
    failed.observed,
    cells.fact_ids as observed_fact_ids,
    case
        when failed.item_key like '%pct%' or failed.check_name like '%pct%' then '%'
        else '万元'
    end as unit,
    failed.message
from failed
left join cells
    on failed.document_id = cells.document_id
    and failed.check_name = cells.check_name
    and failed.table_code = cells.table_code
    and failed.item_key = cells.item_key
order by
    failed.severity = 'error' desc, failed.unit_key, failed.fiscal_year, failed.suite,
    failed.check_name;
