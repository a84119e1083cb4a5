INSERT INTO account_unit (account_id, unit_id) VALUES ($account_id, $unit_id);
