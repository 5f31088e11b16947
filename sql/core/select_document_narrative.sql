-- One document's narrative figures, as validation reads them.
select *
from core.narrative_facts
where document_id = $document_id;
