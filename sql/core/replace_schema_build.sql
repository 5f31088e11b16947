-- Record the definitions the warehouse was just brought up to (one row).
delete from mart_refresh.schema_build;
insert into mart_refresh.schema_build (sql_sha256, built_at) values ($sql_sha256, $built_at);
