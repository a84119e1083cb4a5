DELETE FROM unit_alias WHERE unit_id = $unit_id;
