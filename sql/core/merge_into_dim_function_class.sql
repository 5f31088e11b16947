-- Fill core.dim_function_class from the reference list ($reference_csv) plus every code seen in
-- the facts (功能分类: codes printed in every table except the basic-expenditure table). Reference names win
-- over printed names; a printed name is the most frequent spelling of that code.
insert or replace into core.dim_function_class (code, name, level, parent_code)
with reference as (
    select
        trim(code) as code,
        trim(name) as name
    from read_csv(
        $reference_csv, header = true, columns = {'code': 'VARCHAR', 'name': 'VARCHAR'}
    )
),

printed as (
    select
        item_code as code,
        item_name as name,
        count(*) as times_printed
    from core.fact_line_items
    where table_code <> 'general_budget_basic_expenditure'
        and regexp_full_match(item_code, '[0-9]{3}([0-9]{2}){0,2}')
        and item_name is not null
    group by item_code, item_name
),

seen as (
    select
        code,
        first(name order by times_printed desc, length(name) desc, name) as name
    from printed
    where code not in (select code from reference)
    group by code
),

merged as (
    select code, name from reference
    union all
    select code, name from seen
)

select
    code,
    name,
    core.code_level(code) as level,
    core.code_parent(code) as parent_code
from merged;
