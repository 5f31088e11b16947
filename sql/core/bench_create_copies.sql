-- benchmarks/bench_marts.py only: grow a warehouse of the bundled samples to ~30k documents.
-- Every document (current and superseded) is copied for each unit copy u in [0, $unit_copies)
-- and year block k in [0, $year_blocks): unit copy u > 0 gets unit_key/dept_code suffixed
-- '~u' (a new unit), year block k shifts fiscal_year by 3·k (the samples span three years, so
-- 323's 2021–2023 continue as 2024–2026 …: year-over-year chains stay unbroken). Copy (0, 0)
-- is the original. Ids are sha256 of the original id and the copy, so superseded_by follows.
-- Facts, narrative facts and DQ results are copied with their document; performance targets
-- and version events are not (no mart reads them).
create or replace temp table bench_copies as
select
    documents.document_id as source_id,
    copies.unit_copy,
    copies.year_block,
    sha256(documents.document_id || ':' || copies.unit_copy || ':' || copies.year_block)
        as document_id,
    3 * copies.year_block as year_shift,
    case when copies.unit_copy > 0 then '~' || copies.unit_copy else '' end as unit_suffix
from core.documents as documents
cross join (
    select
        unit_copy.range as unit_copy,
        year_block.range as year_block
    from range($unit_copies) as unit_copy
    cross join range($year_blocks) as year_block
    where unit_copy.range > 0 or year_block.range > 0
) as copies;
