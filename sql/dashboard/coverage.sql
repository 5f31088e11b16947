-- Coverage: one row per unit, year and kind that has a document (current or waiting as
-- candidate), with its status, the data-quality verdict (mart.dq_scoreboard) and the unit's
-- 收入总计 with the facts it was read from (for the drill-down).
-- Params: $doc_kind ('' = all).
with totals as (
    select
        document_id,
        sum(amount_wan) as income_total_wan,
        list(fact_id order by fact_id) as income_total_fact_ids
    from core.fact_line_items
    where table_code = 'income_expenditure_summary'
        and side = 'income'
        and core.label_key(item_name) = '收入总计'
        and column_name in ('预算数', '决算数')
    group by document_id
),

versions as (
    select
        unit_key,
        fiscal_year,
        doc_kind,
        count(*) as versions
    from core.documents
    where status <> 'quarantined'
    group by all
)

select
    board.unit_key,
    board.dept_code,
    board.dept_name,
    board.fiscal_year,
    board.doc_kind,
    board.status,
    board.trusted,
    board.checks_run,
    board.errors_failed,
    board.warnings_failed,
    versions.versions,
    board.file_name,
    totals.income_total_wan,
    totals.income_total_fact_ids,
    board.document_id
from mart.dq_scoreboard as board
left join totals on board.document_id = totals.document_id
left join versions
    on board.unit_key = versions.unit_key
    and board.fiscal_year = versions.fiscal_year
    and board.doc_kind = versions.doc_kind
where board.status <> 'quarantined'
    and ($doc_kind = '' or board.doc_kind = $doc_kind)
order by board.unit_key, board.fiscal_year, board.doc_kind, board.status;
