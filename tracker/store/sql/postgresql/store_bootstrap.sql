-- The store's own tables (see sql/store_bootstrap.sql), behind a transaction-wide advisory
-- lock: app servers starting together migrate one after the other, each seeing what the
-- one before applied.
SELECT pg_advisory_xact_lock(4242013);
CREATE TABLE IF NOT EXISTS schema_version (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TIMESTAMP NOT NULL
);
CREATE TABLE IF NOT EXISTS data_version (
    id INTEGER PRIMARY KEY,
    version BIGINT NOT NULL
);
INSERT INTO data_version VALUES (1, 0) ON CONFLICT DO NOTHING;
