-- Test-only: bind account $account to unit $unit.
INSERT INTO account_unit VALUES ($account, $unit);
