-- PostgreSQL only (one process owns a DuckDB file, so DuckDB needs no lock).
-- Before migrating: a transaction-wide advisory lock, so that app servers starting together
-- migrate one after the other, each seeing what the one before applied.
SELECT pg_advisory_xact_lock(4242013);
