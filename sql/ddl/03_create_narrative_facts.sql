-- Figures stated in the 情况说明 text, kept to compare with the tables.
-- amount_wan holds the figure exactly, in the unit of `unit` (万元 for money, % for
-- yoy_change_pct); value repeats a non-money figure as a double for convenience.
create table if not exists core.narrative_facts (
    document_id varchar not null references core.documents (document_id),
    fact_key varchar not null,
    amount_wan decimal(20, 6),
    value double,
    unit varchar,
    source_sentence varchar,
    page integer
);
