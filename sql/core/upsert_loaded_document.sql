-- Insert a readable document version with the status the version policy gave it
-- (pipelines/warehouse/versions.py). A row can only pre-exist when the file was quarantined
-- before (the loader skips known ids), so the conflict branch turns it into a version in place.
insert into core.documents (
    document_id, file_name, dept_code, dept_name, unit_key, identity_source, fiscal_year,
    doc_kind, status, error, pages, ingested_at, unit, superseded_by,
    published_at, published_source, scope, content, identity_notes,
    document_notes, source_document_id, source_pages
)
select
    $document_id,
    $file_name,
    $dept_code,
    $dept_name,
    $unit_key,
    $identity_source,
    $fiscal_year,
    $doc_kind,
    $status,
    null,
    $pages,
    $ingested_at,
    $unit,
    $superseded_by,
    $published_at,
    $published_source,
    $scope,
    $content,
    $identity_notes,
    $document_notes,
    part_of.document_id,
    part_of.pages
from (select 1) as one
left join (
    -- a compilation's part (core.compilations lists its file): where it came from
    select c.document_id, p.pages
    from core.compilations as c,
        unnest(from_json(c.parts, '[{"pages": "VARCHAR", "file_name": "VARCHAR"}]')) as t(p)
    where p.file_name = $file_name
    order by c.ingested_at desc
    limit 1
) as part_of on true
on conflict (document_id) do update set
    file_name = excluded.file_name,
    dept_code = excluded.dept_code,
    dept_name = excluded.dept_name,
    unit_key = excluded.unit_key,
    identity_source = excluded.identity_source,
    fiscal_year = excluded.fiscal_year,
    doc_kind = excluded.doc_kind,
    status = excluded.status,
    error = null,
    pages = excluded.pages,
    ingested_at = excluded.ingested_at,
    unit = excluded.unit,
    superseded_by = excluded.superseded_by,
    published_at = excluded.published_at,
    published_source = excluded.published_source,
    scope = excluded.scope,
    content = excluded.content,
    identity_notes = excluded.identity_notes,
    document_notes = excluded.document_notes,
    source_document_id = excluded.source_document_id,
    source_pages = excluded.source_pages;
