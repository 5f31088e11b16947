-- A corrected re-publication supersedes the older version of the same unit (unit_key), year
-- and kind: the newest ingest wins. The loader has already refused a version whose unit name
-- differs from the current one's (select_unit_name_conflict.sql).
-- (No RETURNING: DuckDB would rewrite the update as delete + insert, which foreign keys
-- from the facts forbid. select_superseded_by.sql reads the result instead.)
update core.documents
set status = 'superseded', superseded_by = $document_id
where status = 'loaded'
    and document_id <> $document_id
    and unit_key = $unit_key
    and fiscal_year = $fiscal_year
    and doc_kind = $doc_kind
    and ingested_at <= $ingested_at;
