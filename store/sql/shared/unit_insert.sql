INSERT INTO unit (province, name, short_name, group_code, level)
VALUES ($province, $name, $short_name, $group_code, $level)
RETURNING unit_id;
