-- Documents whose id starts with what a person typed (ids are shown shortened to 12 characters).
select document_id
from core.documents
where starts_with(document_id, $prefix)
order by document_id
limit 2;
