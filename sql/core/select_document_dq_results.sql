-- A loaded document's validation outcomes: what its asset checks report when it is run again.
select suite, check_name, success, severity, table_code, item_key, expected, observed
from core.dq_results
where document_id = $document_id;
