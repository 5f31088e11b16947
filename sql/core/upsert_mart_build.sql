-- Record the definition a mart table was just rebuilt from in full.
insert or replace into mart_refresh.builds (mart, sql_sha256, built_at)
values ($mart, $sql_sha256, $built_at)
