-- Record an unreadable file. Re-quarantining refreshes the error; a file that is already
-- loaded or superseded keeps its status (its bytes were readable once).
insert into core.documents (document_id, file_name, status, error, pages, ingested_at)
values ($document_id, $file_name, 'quarantined', $error, $pages, $ingested_at)
on conflict (document_id) do update set
    file_name = excluded.file_name,
    error = excluded.error,
    pages = excluded.pages
where core.documents.status = 'quarantined';
