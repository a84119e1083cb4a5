INSERT INTO schema_version VALUES ($version, $name, current_timestamp);
