-- One row per ingested file version. document_id is the sha256 of the file bytes, so the same
-- file dropped twice is recognised; a corrected re-publication has new bytes and a new row.
-- unit_key is what a unit is grouped by: the printed code, else the normalised name (a unit
-- that prints no code); identity_source says where each identity field was read.
create table if not exists core.documents (
    document_id varchar primary key,
    file_name varchar not null,
    dept_code varchar,
    dept_name varchar,
    unit_key varchar,
    identity_source json,
    fiscal_year integer,
    doc_kind varchar check (doc_kind in ('budget', 'final_accounts')),
    status varchar not null check (status in ('loaded', 'quarantined', 'superseded')),
    error varchar,
    pages integer,
    ingested_at timestamp not null,
    unit varchar,
    doc_version integer,
    supersedes varchar,
    superseded_by varchar,
    check (status = 'quarantined' or (unit_key is not null and fiscal_year is not null
        and doc_kind is not null))
);
