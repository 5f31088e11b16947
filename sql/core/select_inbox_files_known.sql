-- Inbox paths whose last read loaded a document the warehouse still holds (current or kept as
-- a version), or split a compilation into its parts: with the same size and mtime they are the
-- same bytes and need no hashing.
select i.path, i.size_bytes, i.mtime_ns, i.document_id, d.status, d.unit_key, d.fiscal_year,
    d.doc_kind
from core.inbox_files as i
inner join core.documents as d on d.document_id = i.document_id
where d.status in ('loaded', 'superseded', 'candidate')
union all
select i.path, i.size_bytes, i.mtime_ns, i.document_id, 'split', null, null, null
from core.inbox_files as i
inner join core.compilations as c on c.document_id = i.document_id;
