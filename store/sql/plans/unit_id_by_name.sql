SELECT unit_id FROM unit WHERE province = $province AND name = $name;
