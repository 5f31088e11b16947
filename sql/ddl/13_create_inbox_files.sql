-- What each inbox path held when it was last read: a rerun over an unchanged inbox decides from
-- (path, size, mtime) and hashes only the files whose size or mtime changed.
create table if not exists core.inbox_files (
    path varchar primary key,
    size_bytes bigint not null,
    mtime_ns bigint not null,
    document_id varchar not null,
    seen_at timestamp not null
);
