-- A file once quarantined and now read (as a compilation's parts) is no longer unreadable.
delete from core.documents
where document_id = $document_id and status = 'quarantined';
