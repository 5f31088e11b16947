-- Documents by status and current facts: the health read shown on the marts asset.
select
    (select count(*) from core.documents where status = 'loaded') as loaded,
    (select count(*) from core.documents where status = 'superseded') as superseded,
    (select count(*) from core.documents where status = 'quarantined') as quarantined,
    (select count(*) from core.current_fact_line_items) as current_facts
