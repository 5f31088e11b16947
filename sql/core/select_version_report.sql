-- `pipelines versions UNIT YEAR`: every version with why it holds its status.
with failed as (
    select
        document_id,
        count(*) filter (where not success and severity = 'error') as failed_errors
    from core.dq_results
    group by document_id
),

facts as (
    select
        document_id,
        count(*) as facts
    from core.fact_line_items
    group by document_id
)

select
    documents.doc_kind,
    documents.status,
    documents.document_id,
    documents.scope,
    documents.content,
    documents.file_name,
    documents.published_at,
    documents.published_source,
    documents.ingested_at,
    documents.pinned_at,
    coalesce(facts.facts, 0) as facts,
    coalesce(failed.failed_errors, 0) as failed_errors,
    documents.superseded_by
from core.documents as documents
left join failed on documents.document_id = failed.document_id
left join facts on documents.document_id = facts.document_id
where documents.unit_key = $unit_key
    and documents.fiscal_year = $fiscal_year
    and documents.status <> 'quarantined'
order by
    documents.doc_kind,
    documents.scope,
    documents.content,
    coalesce(documents.published_at, cast(documents.ingested_at as date)) desc,
    documents.ingested_at desc;
