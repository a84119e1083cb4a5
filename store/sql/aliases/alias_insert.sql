-- Remember a name for a task or a unit; nothing happens when it is already remembered.
INSERT INTO name_alias (kind, target_id, alias, alias_key, added_by)
VALUES ($kind, $target_id, $alias, $alias_key, $added_by)
ON CONFLICT DO NOTHING
RETURNING alias_id;
