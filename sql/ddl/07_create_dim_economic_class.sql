-- 部门预算支出经济分类科目: 类 (3 digits, level 1), 款 (5, level 2).
create table if not exists core.dim_economic_class (
    code varchar primary key,
    name varchar not null,
    level integer not null check (level in (1, 2, 3)),
    parent_code varchar
);
