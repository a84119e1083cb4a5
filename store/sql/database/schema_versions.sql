-- Migrations already applied.
SELECT version FROM schema_version;
