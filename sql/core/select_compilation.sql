-- A compilation's record: its parts (pages, file name, unit) and where they were written.
select file_name, pages, parts, parts_folder
from core.compilations
where document_id = $document_id;
