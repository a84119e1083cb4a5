-- After a sign-in attempt: the failures in a row so far, and the lock they caused if any.
UPDATE account SET failed_attempts = $failed_attempts, locked_until = $locked_until
WHERE account_id = $account_id;
