-- One line of the command line's progress report for a file just ingested.
select
    d.status,
    d.error,
    d.dept_code,
    d.unit_key,
    d.fiscal_year,
    d.doc_kind,
    d.scope,
    d.content,
    (select count(*) from core.fact_line_items as f where f.document_id = d.document_id) as facts,
    (
        select count(*) from core.dq_results as q
        where q.document_id = d.document_id and not q.success and q.severity = 'error'
    ) as failed_errors,
    (
        select count(*) from core.dq_results as q
        where q.document_id = d.document_id and not q.success and q.severity <> 'error'
    ) as failed_warnings
from core.documents as d
where d.document_id = $document_id
