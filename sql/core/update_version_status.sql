-- The version policy's verdict for one version.
update core.documents
set status = $status, superseded_by = $superseded_by
where document_id = $document_id;
