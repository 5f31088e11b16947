-- One row per indicator of each 项目绩效目标表.
create table if not exists core.performance_targets (
    document_id varchar not null references core.documents (document_id),
    page integer,
    project_seq integer,
    project_name varchar,
    goal_text varchar,
    indicator_seq integer,
    level1 varchar,
    level2 varchar,
    level3 varchar,
    indicator_text varchar,
    target_text varchar,
    comparator varchar,
    target_value double,
    target_unit varchar,
    basis varchar
);
