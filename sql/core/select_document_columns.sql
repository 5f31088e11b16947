-- Columns of an existing core.documents (none on a new warehouse), to detect an old layout.
select column_name
from information_schema.columns
where table_schema = 'core' and table_name = 'documents';
