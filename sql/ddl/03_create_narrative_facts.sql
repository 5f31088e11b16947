-- Figures stated in the 情况说明 text, kept to compare with the tables.
-- amount_wan for money (万元), value for other quantities (a percentage, a count).
create table if not exists core.narrative_facts (
    document_id varchar not null references core.documents (document_id),
    fact_key varchar not null,
    amount_wan decimal(20, 6),
    value double,
    unit varchar,
    source_sentence varchar,
    page integer
);
