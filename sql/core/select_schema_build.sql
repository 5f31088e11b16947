-- The definitions' sha256 this warehouse was last brought up to (see
-- sql/ddl/15_create_schema_build.sql); run only when that table exists.
select max(sql_sha256) from mart_refresh.schema_build
