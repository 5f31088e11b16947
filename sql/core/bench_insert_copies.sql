-- benchmarks/bench_marts.py only: insert the copies listed in bench_copies
-- (sql/core/bench_create_copies.sql) into the core tables.
insert into core.documents by name
select
    copies.document_id,
    documents.file_name,
    documents.dept_code || copies.unit_suffix as dept_code,
    documents.dept_name,
    documents.unit_key || copies.unit_suffix as unit_key,
    documents.identity_source,
    documents.fiscal_year + copies.year_shift as fiscal_year,
    documents.doc_kind,
    documents.status,
    documents.error,
    documents.pages,
    documents.ingested_at,
    documents.unit,
    replaced_by.document_id as superseded_by,
    documents.published_at + to_years(cast(copies.year_shift as integer)) as published_at,
    documents.published_source,
    documents.pinned_at
from bench_copies as copies
inner join core.documents as documents on copies.source_id = documents.document_id
left join bench_copies as replaced_by
    on documents.superseded_by = replaced_by.source_id
    and copies.unit_copy = replaced_by.unit_copy
    and copies.year_block = replaced_by.year_block;

insert into core.fact_line_items by name
select
    copies.document_id,
    facts.dept_code || copies.unit_suffix as dept_code,
    facts.fiscal_year + copies.year_shift as fiscal_year,
    facts.table_code,
    facts.table_title,
    facts.page,
    facts.row_no,
    facts.side,
    facts.item_code,
    facts.item_name,
    facts.column_name,
    facts.column_group,
    facts.amount_wan,
    facts.bbox
from bench_copies as copies
inner join core.fact_line_items as facts on copies.source_id = facts.document_id;

insert into core.narrative_facts by name
select
    copies.document_id,
    narrative.fact_key,
    narrative.amount_wan,
    narrative.value,
    narrative.unit,
    narrative.source_sentence,
    narrative.page
from bench_copies as copies
inner join core.narrative_facts as narrative on copies.source_id = narrative.document_id;

insert into core.dq_results by name
select
    results.run_id,
    copies.document_id,
    results.suite,
    results.check_name,
    results.success,
    results.severity,
    results.table_code,
    results.item_key,
    results.expected,
    results.observed,
    results.message,
    results.checked_at
from bench_copies as copies
inner join core.dq_results as results on copies.source_id = results.document_id;
