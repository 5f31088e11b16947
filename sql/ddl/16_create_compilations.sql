-- Compilations: files binding several units' disclosures (pipelines/extract/compilation.py).
-- Such a file is no document of its own: each disclosure in it is written to a part file and
-- loaded from there as a row of core.documents whose source_document_id is the compilation's
-- id and source_pages the pages it held in the compilation ('35-68'). The compilation's row
-- here says it was split, into how many parts, where, and when; its bytes seen again are a
-- no-op, like a document's.
create table if not exists core.compilations (
    document_id varchar primary key,  -- sha256 of the compilation's bytes
    file_name varchar not null,
    pages integer not null,
    parts json not null,  -- [{"pages": "1-34", "file_name": "….p0001-0034.pdf", "unit": …}]
    parts_folder varchar not null,
    ingested_at timestamp not null
);
alter table core.documents add column if not exists source_document_id varchar;
alter table core.documents add column if not exists source_pages varchar;
