-- Before binding an account to its new units.
DELETE FROM account_unit WHERE account_id = $account_id;
