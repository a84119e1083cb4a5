UPDATE unit SET parent_id = $parent_id WHERE unit_id = $unit_id;
