-- Failed validation checks with the document they concern: the list an analyst works through.
-- Checks of superseded versions are left out (a newer version replaced them).
create or replace view mart.failed_checks as
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
),

failures as (
    select *
    from core.dq_results
    where not success
)

select
    failures.document_id,
    documents.file_name,
    documents.dept_code,
    documents.unit_key,
    documents.dept_name,
    documents.fiscal_year,
    documents.doc_kind,
    documents.scope,
    documents.status as document_status,
    failures.suite,
    failures.check_name,
    failures.severity,
    failures.table_code,
    failures.item_key,
    failures.expected,
    failures.observed,
    failures.message,
    failures.run_id,
    failures.checked_at
from failures
left join documents on failures.document_id = documents.document_id
where documents.status is distinct from 'superseded';
