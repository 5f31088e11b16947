-- 支出功能分类科目: 类 (3 digits, level 1), 款 (5, level 2), 项 (7, level 3).
create table if not exists core.dim_function_class (
    code varchar primary key,
    name varchar not null,
    level integer not null check (level in (1, 2, 3)),
    parent_code varchar
);
