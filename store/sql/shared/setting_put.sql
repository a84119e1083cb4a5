-- Set one office setting ($name, $value), inserting it if the office has none yet; the
-- status macros read 'due_soon_days'.
INSERT INTO setting (name, value) VALUES ($name, $value)
ON CONFLICT (name) DO UPDATE SET value = excluded.value;
