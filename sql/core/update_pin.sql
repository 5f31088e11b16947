-- `pipelines promote`: pin one version as current (the latest pin wins).
update core.documents
set pinned_at = $pinned_at
where document_id = $document_id;
