-- Narrative facts of one document from the registered frame incoming_narrative.
insert into core.narrative_facts (
    document_id, fact_key, amount_wan, value, unit, source_sentence, page
)
select
    $document_id,
    cast(fact_key as varchar),
    cast(amount_wan as decimal(20, 6)),
    cast(value as double),
    cast(unit as varchar),
    cast(source_sentence as varchar),
    cast(page as integer)
from incoming_narrative;
