-- Validation outcomes from the registered frame incoming_dq_results.
insert into core.dq_results (
    run_id, document_id, suite, check_name, success, severity, table_code, item_key,
    expected, observed, message, checked_at
)
select
    cast(run_id as varchar),
    cast(document_id as varchar),
    cast(suite as varchar),
    cast(check_name as varchar),
    cast(success as boolean),
    cast(severity as varchar),
    cast(table_code as varchar),
    cast(item_key as varchar),
    cast(expected as varchar),
    cast(observed as varchar),
    cast(message as varchar),
    coalesce(cast(checked_at as timestamp), current_timestamp)
from incoming_dq_results;
