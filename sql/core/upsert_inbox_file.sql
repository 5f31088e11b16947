insert or replace into core.inbox_files (path, size_bytes, mtime_ns, document_id, seen_at)
values ($path, $size_bytes, $mtime_ns, $document_id, $seen_at);
