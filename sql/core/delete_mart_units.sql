-- Incremental mart refresh (pipelines/warehouse/marts.py): drop the rows of the units being
-- recomputed ($unit_keys), and the rows without a unit (quarantined files), which every
-- refresh recomputes. {mart} is one of marts.MART_TABLES.
delete from mart.{mart}
where unit_key is null or list_contains(cast($unit_keys as varchar[]), unit_key)
