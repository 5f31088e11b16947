-- Facts of the current version of the same unit's document for the previous fiscal year:
-- the year-over-year suite compares the narrative's stated change with them.
select f.*
from core.fact_line_items as f
inner join core.documents as d on d.document_id = f.document_id
where d.status = 'loaded'
    and d.unit_key = $unit_key
    and d.doc_kind = $doc_kind
    and d.scope = $scope
    and d.fiscal_year = $fiscal_year - 1
