INSERT INTO unit_alias (unit_id, alias, alias_key) VALUES ($unit_id, $alias, $alias_key)
ON CONFLICT DO NOTHING;
