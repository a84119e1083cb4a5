-- A new password hash (argon2id); a new password also lifts a lock.
UPDATE account SET password_hash = $password_hash, failed_attempts = 0, locked_until = NULL
WHERE account_id = $account_id;
