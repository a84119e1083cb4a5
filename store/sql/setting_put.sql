-- Insert or change an office setting (setting_set only changes an existing one).
INSERT INTO setting (name, value) VALUES ($name, $value)
ON CONFLICT (name) DO UPDATE SET value = excluded.value;
