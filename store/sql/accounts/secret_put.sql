INSERT INTO app_secret (name, value) VALUES ($name, $value) ON CONFLICT DO NOTHING;
