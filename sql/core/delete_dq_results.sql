-- Drop earlier outcomes of the (document, suite) pairs about to be stored, so reruns
-- replace results instead of piling them up.
delete from core.dq_results
where (document_id, suite) in (
    select distinct
        cast(document_id as varchar),
        cast(suite as varchar)
    from incoming_dq_results
);
