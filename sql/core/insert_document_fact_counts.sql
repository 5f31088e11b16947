-- Count the facts loaded since the last mart refresh (fact_id above the highest max_fact_id
-- counted) into mart_refresh.document_fact_counts, for mart.document_versions. A document's
-- facts commit together, so each new document gets one row.
insert into mart_refresh.document_fact_counts (document_id, fact_count, max_fact_id)
select
    document_id,
    count(*) as fact_count,
    max(fact_id) as max_fact_id
from core.fact_line_items
where fact_id > (
    select coalesce(max(max_fact_id), -1) from mart_refresh.document_fact_counts
)
group by document_id
