-- Failed error-severity checks of the versions of one unit/year/kind: a version that fails a
-- check another version passes never silently becomes current.
select
    q.document_id,
    q.suite,
    q.check_name,
    coalesce(q.table_code, '') as table_code,
    coalesce(q.item_key, '') as item_key
from core.dq_results as q
inner join core.documents as d on q.document_id = d.document_id
where d.unit_key = $unit_key
    and d.fiscal_year = $fiscal_year
    and d.doc_kind = $doc_kind
    and d.scope = $scope
    and core.part_of(d.content) = $part
    and d.status <> 'quarantined'
    and not q.success
    and q.severity = 'error';
