DELETE FROM unit WHERE unit_id = $unit_id;
