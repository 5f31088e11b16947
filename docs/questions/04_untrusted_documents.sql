-- Which documents are untrusted (or carry warnings), and why?
select scoreboard.file_name, scoreboard.unit_key, scoreboard.fiscal_year, scoreboard.doc_kind,
    scoreboard.trusted, scoreboard.errors_failed, scoreboard.warnings_failed,
    failed.suite, failed.check_name, failed.severity, failed.expected, failed.observed,
    failed.message
from mart.dq_scoreboard as scoreboard
left join mart.failed_checks as failed on scoreboard.document_id = failed.document_id
where not scoreboard.trusted or scoreboard.warnings_failed > 0
order by scoreboard.trusted, scoreboard.file_name, failed.severity, failed.check_name;
