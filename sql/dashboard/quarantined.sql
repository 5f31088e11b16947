-- Files that could not be loaded, with what to do about them.
select
    file_name,
    error,
    ingested_at
from core.documents
where status = 'quarantined'
order by ingested_at desc;
