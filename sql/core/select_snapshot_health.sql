-- A published snapshot must open and answer the readers' first questions before it replaces
-- the previous one: documents by status and the current facts the marts read.
select
    (select count(*) from core.documents where status = 'loaded') as loaded,
    (select count(*) from core.documents where status = 'quarantined') as quarantined,
    (select count(*) from core.current_fact_line_items) as current_facts,
    (select count(*) from mart.department_year_totals) as department_years
