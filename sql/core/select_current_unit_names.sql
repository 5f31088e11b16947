-- Unit names of the current (loaded) versions with the same unit key, year and kind as an
-- incoming document: the loader refuses to supersede a version that names another unit.
select
    document_id,
    file_name,
    dept_name
from core.documents
where status = 'loaded'
    and unit_key = $unit_key
    and fiscal_year = $fiscal_year
    and doc_kind = $doc_kind
    and scope = $scope
    and core.part_of(content) = $part
    and document_id <> $document_id
order by document_id;
