-- Who made which version current, when and why (`pipelines promote`), and what the version
-- policy decided on each load: the history an auditor asks for.
create table if not exists core.version_events (
    document_id varchar not null references core.documents (document_id),
    action varchar not null,
    actor varchar not null,
    reason varchar,
    happened_at timestamp not null
);
