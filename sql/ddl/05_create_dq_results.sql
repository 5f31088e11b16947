-- Every validation outcome. No foreign key: checks may run on staged frames before the
-- document row exists. expected/observed are text so any check (figures, sets) fits.
create table if not exists core.dq_results (
    run_id varchar not null,
    document_id varchar not null,
    suite varchar not null,
    check_name varchar not null,
    success boolean not null,
    severity varchar not null check (severity in ('error', 'warning', 'info')),
    table_code varchar,
    item_key varchar,
    expected varchar,
    observed varchar,
    message varchar,
    checked_at timestamp not null
);
