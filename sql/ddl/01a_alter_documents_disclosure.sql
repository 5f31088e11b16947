-- The disclosure a document belongs to (pipelines/identity/disclosure.py): its scope —
-- 'department' (部门预算/决算, consolidated over its units) or 'unit' (单位预算/决算, one unit
-- alone, 本级) — and which half of the disclosure the file holds: 'full' (narrative and
-- tables), 'tables' or 'narrative'. Versions compete only within one part of one disclosure.
alter table core.documents add column if not exists scope varchar default 'department';
alter table core.documents add column if not exists content varchar default 'full';
alter table core.documents add column if not exists identity_notes json;
-- What a reader notices about the whole document (pipelines/extract/document_notes.py).
alter table core.documents add column if not exists document_notes json;
create or replace macro core.part_of(content) as
    case when content = 'narrative' then 'narrative' else 'tables' end;
