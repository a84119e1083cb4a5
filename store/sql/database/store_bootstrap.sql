-- The store's own tables, made before any migration: which migrations are applied, and the
-- data version every write bumps (store.database.Store.data_version).
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
