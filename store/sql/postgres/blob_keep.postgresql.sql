-- PostgreSQL only: the original files live in the table blob (DuckDB keeps them as files).
-- Keep one original file by the hash of its bytes; one already kept stays as it is.
INSERT INTO blob (sha256, data) VALUES ($sha256, $data) ON CONFLICT DO NOTHING;
