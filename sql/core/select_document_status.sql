-- What the warehouse knows of these bytes: a document's status, or 'split' for a compilation
-- whose disclosures were loaded from its parts (core.compilations).
select status
from core.documents
where document_id = $document_id
union all
select 'split'
from core.compilations
where document_id = $document_id;
