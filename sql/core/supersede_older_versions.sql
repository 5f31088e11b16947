-- A corrected re-publication supersedes the older version: the newest ingest wins.
-- (No RETURNING: DuckDB would rewrite the update as delete + insert, which foreign keys
-- from the facts forbid. select_superseded_by.sql reads the result instead.)
update core.documents
set status = 'superseded', superseded_by = $document_id
where status = 'loaded'
    and document_id <> $document_id
    and dept_code = $dept_code
    and fiscal_year = $fiscal_year
    and doc_kind = $doc_kind
    and ingested_at <= $ingested_at;
