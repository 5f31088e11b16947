-- Every ingested version of each unit/year/kind with its status, newest publication first, so
-- the history of corrections stays queryable. doc_version numbers versions in publication
-- order (published_at, else ingest time), so it does not depend on the order files arrived
-- in; supersedes is the version published just before. Quarantined files have no unit/year.
create or replace view mart.document_versions as
-- fact_count adds the counts kept by the last mart refresh (mart_refresh.document_fact_counts)
-- to a live count of the facts loaded since (fact_id above its highest max_fact_id): exact
-- without counting every fact on each query.
with counted_up_to as (
    select coalesce(max(max_fact_id), -1) as max_fact_id
    from mart_refresh.document_fact_counts
),

fact_counts as (
    select
        document_id,
        sum(fact_count) as fact_count
    from (
        select
            document_id,
            fact_count
        from mart_refresh.document_fact_counts
        union all
        select
            document_id,
            count(*) as fact_count
        from core.fact_line_items
        where fact_id > (select max_fact_id from counted_up_to)
        group by document_id
    )
    group by document_id
),

versions as (
    select
        *,
        coalesce(cast(published_at as timestamp), ingested_at) as published_or_ingested
    from core.documents
),

ordered as (
    select
        *,
        case when status <> 'quarantined' then row_number() over publication end as doc_version,
        case when status <> 'quarantined' then lag(document_id) over publication end as supersedes
    from versions
    window publication as (
        partition by unit_key, fiscal_year, doc_kind, scope, core.part_of(content), status = 'quarantined'
        order by published_or_ingested, ingested_at
    )
)

select
    ordered.dept_code,
    ordered.unit_key,
    ordered.dept_name,
    ordered.fiscal_year,
    ordered.doc_kind,
    ordered.scope,
    ordered.doc_version,
    ordered.document_id,
    ordered.file_name,
    ordered.status,
    ordered.status = 'loaded' as is_current,
    ordered.published_at,
    ordered.published_source,
    ordered.pinned_at,
    ordered.ingested_at,
    ordered.supersedes,
    ordered.superseded_by,
    ordered.unit,
    ordered.pages,
    coalesce(fact_counts.fact_count, 0) as fact_count,
    ordered.error
from ordered
left join fact_counts on ordered.document_id = fact_counts.document_id
order by
    ordered.unit_key,
    ordered.fiscal_year,
    ordered.doc_kind,
    ordered.scope,
    ordered.published_or_ingested desc;
