UPDATE unit SET short_name = $short_name, group_code = $group_code, level = $level
WHERE unit_id = $unit_id;
