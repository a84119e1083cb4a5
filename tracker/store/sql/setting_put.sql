-- Set one setting the SQL reads (migration 003).
INSERT OR REPLACE INTO setting VALUES ($name, $value);
