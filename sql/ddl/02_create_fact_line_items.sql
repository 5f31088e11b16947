-- One row per non-blank numeric cell of a disclosure table body, amounts exact in 万元.
-- A ruled table the extractor could not classify is kept as 'unclassified' with its title.
create sequence if not exists core.fact_id_seq;

create table if not exists core.fact_line_items (
    fact_id bigint primary key default nextval('core.fact_id_seq'),
    document_id varchar not null references core.documents (document_id),
    dept_code varchar,
    fiscal_year integer not null,
    table_code varchar not null check (table_code in (
        'income_expenditure_summary', 'income_summary', 'expenditure_summary',
        'fiscal_grant_summary', 'general_budget_expenditure',
        'general_budget_basic_expenditure', 'gov_fund_expenditure',
        'state_capital_expenditure', 'three_public_expenditure', 'gov_procurement',
        'fixed_assets',
        -- printed beside the family (docs/warehouse-contract.md, "Tables outside the family")
        'project_expenditure', 'basic_expenditure_summary',
        'general_budget_economic_expenditure', 'general_budget_basic_by_function',
        'fiscal_grant_expenditure', 'operating_cost', 'gov_purchased_services',
        'carryover_expenditure',
        'unclassified'
    )),
    table_title varchar,
    page integer not null check (page >= 1),
    row_no integer,
    side varchar check (side in ('income', 'expenditure')),
    item_code varchar,
    item_name varchar,
    column_name varchar not null,
    column_group varchar,
    amount_wan decimal(20, 6) not null,
    bbox double[4]  -- x0, y0, x1, y1 of the printed cell in PDF points on `page`
);
