-- Per document: checks run, failed, trusted (mart.dq_scoreboard), current and quarantined.
select
    dept_code,
    dept_name,
    fiscal_year,
    doc_kind,
    file_name,
    status,
    checks_run,
    errors_failed,
    warnings_failed,
    pass_rate,
    trusted
from mart.dq_scoreboard
order by trusted, unit_key, fiscal_year;
