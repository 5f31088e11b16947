-- Record a compilation split into its parts (the same bytes split again: refreshed).
insert into core.compilations (document_id, file_name, pages, parts, parts_folder, ingested_at)
values ($document_id, $file_name, $pages, $parts, $parts_folder, $ingested_at)
on conflict (document_id) do update set
    file_name = excluded.file_name,
    parts = excluded.parts,
    parts_folder = excluded.parts_folder,
    ingested_at = excluded.ingested_at;
