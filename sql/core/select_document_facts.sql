-- One document's table facts, as validation reads them.
select *
from core.fact_line_items
where document_id = $document_id;
