-- Small helpers shared by the dimension refresh and the mart views.

-- Level of a classification code: 3 digits → 1 (类), 5 → 2 (款), 7 → 3 (项).
create or replace macro core.code_level(code) as
    case length(code) when 3 then 1 when 5 then 2 when 7 then 3 end;

-- Code of the level above: 2080102 → 20801 → 208 → null.
create or replace macro core.code_parent(code) as
    case length(code) when 5 then left(code, 3) when 7 then left(code, 5) end;

-- A row label without its printed numbering, so '一、一般公共预算拨款收入',
-- '其中：公务用车购置费' and '1、房屋' compare equal to the bare name.
create or replace macro core.label_key(label) as
    regexp_replace(
        regexp_replace(replace(label, ' ', ''), '^其中[：:]', ''),
        '^([一二三四五六七八九十]+[、.．]|[0-9]+[、.．]|[（(][一二三四五六七八九十0-9]+[）)])',
        ''
    );
