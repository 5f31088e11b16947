-- Every readable version of one part of one disclosure (unit, year, kind, scope; tables or
-- narrative), with what the version policy weighs.
select
    document_id,
    status,
    published_at,
    ingested_at,
    pinned_at,
    superseded_by
from core.documents
where unit_key = $unit_key
    and fiscal_year = $fiscal_year
    and doc_kind = $doc_kind
    and scope = $scope
    and core.part_of(content) = $part
    and status <> 'quarantined'
order by ingested_at;
