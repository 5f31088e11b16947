-- Stored as the table mart.dq_scoreboard (pipelines/warehouse/marts.py): this select builds it, and
-- with $unit_keys (a list; NULL = every unit) recomputes only those units' rows.
-- Data-quality verdict per document (current and quarantined versions; superseded ones are
-- history). A document is trusted when it was checked and no 'error' check failed: an
-- unchecked document is not trusted. Documents with zero checks appear with zeros.
with documents as (
    select
        document_id,
        file_name,
        dept_code,
        unit_key,
        dept_name,
        fiscal_year,
        doc_kind,
        scope,
        status
    from core.documents
    where status <> 'superseded'
        -- quarantined files have no unit: every refresh recomputes their rows
        and (unit_key is null or mart_refresh.in_scope(unit_key, cast($unit_keys as varchar[])))
),

results as (
    select
        document_id,
        count(*) as checks_run,
        count(*) filter (where not success) as checks_failed,
        count(*) filter (where not success and severity = 'error') as errors_failed,
        count(*) filter (where not success and severity = 'warning') as warnings_failed,
        string_agg(distinct suite, ', ' order by suite) as suites,
        max(checked_at) as last_checked_at
    from core.dq_results
    where document_id in (select document_id from documents)
    group by document_id
)

select
    documents.document_id,
    documents.file_name,
    documents.dept_code,
    documents.unit_key,
    documents.dept_name,
    documents.fiscal_year,
    documents.doc_kind,
    documents.scope,
    documents.status,
    coalesce(results.checks_run, 0) as checks_run,
    coalesce(results.checks_failed, 0) as checks_failed,
    coalesce(results.errors_failed, 0) as errors_failed,
    coalesce(results.warnings_failed, 0) as warnings_failed,
    round(1 - results.checks_failed / results.checks_run, 4) as pass_rate,
    coalesce(results.checks_run > 0 and results.errors_failed = 0, false) as trusted,
    results.suites,
    results.last_checked_at
from documents
left join results on documents.document_id = results.document_id
