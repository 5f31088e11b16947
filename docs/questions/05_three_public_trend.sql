-- How did a unit's 三公 expenditure (因公出国, 公务用车, 公务接待) move over the years?
select fiscal_year, item_level, item_key, amount_wan, prev_amount_wan, change_wan, change_kind,
    printed_empty
from mart.three_public_trend
where unit_key = $unit_key and doc_kind = 'budget' and column_name = '合计' and item_level <= 1
order by fiscal_year, item_level, item_key;
