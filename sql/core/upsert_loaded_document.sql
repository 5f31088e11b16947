-- Insert the document as the current version. A row can only pre-exist when the file was
-- quarantined before (the loader skips loaded/superseded ids), so the conflict branch turns a
-- quarantined file into a loaded one in place.
insert into core.documents (
    document_id, file_name, dept_code, dept_name, unit_key, identity_source, fiscal_year,
    doc_kind, status, error, pages, ingested_at, unit, doc_version, supersedes
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
    'loaded',
    null,
    $pages,
    $ingested_at,
    $unit,
    (
        select count(*) + 1
        from core.documents
        where unit_key = $unit_key and fiscal_year = $fiscal_year
            and doc_kind = $doc_kind and status <> 'quarantined'
    ),
    (
        select max_by(document_id, ingested_at)
        from core.documents
        where unit_key = $unit_key and fiscal_year = $fiscal_year
            and doc_kind = $doc_kind and status = 'loaded'
    )
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
    doc_version = excluded.doc_version,
    supersedes = excluded.supersedes;
