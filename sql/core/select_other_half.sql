-- The current file holding the other part of the same disclosure (its tables for a
-- narrative-only file, its narrative for a tables-only file): narrative figures are checked
-- against tables whichever half arrives first. One half may print the unit's code and the
-- other only its name (Beijing's 报表 vs 情况说明): the name then finds it.
select document_id
from core.documents
where status = 'loaded'
    and (unit_key = $unit_key or dept_name = $dept_name)
    and fiscal_year = $fiscal_year
    and doc_kind = $doc_kind
    and scope = $scope
    and content = $other_content
order by ingested_at desc
limit 1;
