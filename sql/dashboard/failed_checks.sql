-- Failed checks (mart.failed_checks) with expected vs observed, the most severe first; unit is
-- '%' for a percentage check (yoy_change_pct …), else 万元.
-- Params: $severity ('' = all), $unit_key ('' = all).
select
    dept_code,
    dept_name,
    fiscal_year,
    doc_kind,
    file_name,
    document_status,
    suite,
    check_name,
    severity,
    table_code,
    item_key,
    expected,
    observed,
    case when item_key like '%pct%' or check_name like '%pct%' then '%' else '万元' end as unit,
    message
from mart.failed_checks
where ($severity = '' or severity = $severity)
    and ($unit_key = '' or unit_key = $unit_key)
order by severity = 'error' desc, unit_key, fiscal_year, suite, check_name;
