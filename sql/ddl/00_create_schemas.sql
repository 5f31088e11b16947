-- core: conformed facts and dimensions; mart: analyst-facing views.
create schema if not exists core;
create schema if not exists mart;
