-- Every ingested version of each dept/year/kind with its status, newest first, so the
-- history of corrections stays queryable. Quarantined files have no dept/year yet.
create or replace view mart.document_versions as
with fact_counts as (
    select
        document_id,
        count(*) as fact_count
    from core.fact_line_items
    group by document_id
)

select
    documents.dept_code,
    documents.unit_key,
    documents.dept_name,
    documents.fiscal_year,
    documents.doc_kind,
    documents.doc_version,
    documents.document_id,
    documents.file_name,
    documents.status,
    documents.status = 'loaded' as is_current,
    documents.ingested_at,
    documents.supersedes,
    documents.superseded_by,
    documents.unit,
    documents.pages,
    coalesce(fact_counts.fact_count, 0) as fact_count,
    documents.error
from core.documents as documents
left join fact_counts on documents.document_id = fact_counts.document_id
order by
    documents.dept_code,
    documents.unit_key,
    documents.fiscal_year,
    documents.doc_kind,
    documents.ingested_at desc;
