select status
from core.documents
where document_id = $document_id;
