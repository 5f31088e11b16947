-- Performance-target indicators of one document from the registered frame incoming_targets.
insert into core.performance_targets (
    document_id, page, project_seq, project_name, goal_text, indicator_seq, level1, level2,
    level3, indicator_text, target_text, comparator, target_value, target_unit, basis
)
select
    $document_id,
    cast(page as integer),
    cast(project_seq as integer),
    cast(project_name as varchar),
    cast(goal_text as varchar),
    cast(indicator_seq as integer),
    cast(level1 as varchar),
    cast(level2 as varchar),
    cast(level3 as varchar),
    cast(indicator_text as varchar),
    cast(target_text as varchar),
    cast(comparator as varchar),
    cast(target_value as double),
    cast(target_unit as varchar),
    cast(basis as varchar)
from incoming_targets;
