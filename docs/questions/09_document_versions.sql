-- Which versions of a publication exist, which one is current, and why?
select doc_version, file_name, status, is_current, published_at, published_source, supersedes,
    superseded_by, fact_count
from mart.document_versions
where unit_key = $unit_key and fiscal_year = $fiscal_year and doc_kind = 'budget'
order by doc_version;
