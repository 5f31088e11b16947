select document_id
from core.documents
where superseded_by = $document_id
order by document_id;
