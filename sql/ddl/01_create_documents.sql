-- One row per ingested file version. document_id is the sha256 of the file bytes, so the same
-- file dropped twice is recognised; a corrected re-publication has new bytes and a new row.
-- unit_key is what a unit is grouped by: the printed code, else the normalised name (a unit
-- that prints no code); identity_source says where each identity field was read.
-- Versions of one unit/year/kind: exactly one is 'loaded' (current); a newer one that fails
-- error checks the current passes waits as 'candidate'; older ones are 'superseded'. They are
-- ordered by published_at (manifest, cover, PDF metadata; ingest time as the last resort);
-- pinned_at records a manual `pipelines promote`.
create table if not exists core.documents (
    document_id varchar primary key,
    file_name varchar not null,
    dept_code varchar,
    dept_name varchar,
    unit_key varchar,
    identity_source json,
    fiscal_year integer,
    doc_kind varchar check (doc_kind in ('budget', 'final_accounts')),
    status varchar not null
        check (status in ('loaded', 'quarantined', 'superseded', 'candidate')),
    error varchar,
    pages integer,
    ingested_at timestamp not null,
    unit varchar,
    superseded_by varchar,
    published_at date,
    published_source varchar,
    pinned_at timestamp,
    check (status = 'quarantined' or (unit_key is not null and fiscal_year is not null
        and doc_kind is not null))
);
