-- The current document of the same unit and kind for the following fiscal year, whose
-- year-over-year checks compare with the given document.
select following.document_id
from core.documents as given
inner join core.documents as following
    on following.unit_key = given.unit_key
    and following.doc_kind = given.doc_kind
    and following.scope = given.scope
    and following.content <> 'narrative'
    and following.fiscal_year = given.fiscal_year + 1
where given.document_id = $document_id
    and following.status = 'loaded';
