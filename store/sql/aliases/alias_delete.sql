-- Forget one remembered name.
DELETE FROM name_alias WHERE alias_id = $alias_id RETURNING alias_id;
