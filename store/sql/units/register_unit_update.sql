-- Rename or re-file a unit; its spellings are rewritten by the caller in the same transaction.
UPDATE unit SET name = $name, short_name = $short_name, group_code = $group_code,
                level = $level, parent_id = $parent_id
WHERE unit_id = $unit_id;
