-- The current version of each dept/year/kind: what every mart reads, so a superseded
-- version is never counted twice.
create or replace view core.current_documents as
select
    document_id,
    file_name,
    dept_code,
    dept_name,
    unit_key,
    fiscal_year,
    doc_kind,
    scope,
    content,
    unit,
    pages,
    ingested_at
from core.documents
where status = 'loaded';
