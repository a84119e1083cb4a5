-- Count one sign-in attempt of ($login_key, $source) as failed before its password is
-- checked, and return the count and the lock: the check and the increment are one
-- statement, so attempts sent together each see their own number (the sixth is refused
-- without being checked). A count older than $stale_before, or whose lock ended by $now,
-- starts again at 1; the count reaching $most sets the lock to $lock_until. A right
-- password then clears the row (sign_in_failure_clear).
INSERT INTO sign_in_failure AS f (login_key, source, failed, last_at, locked_until)
VALUES ($login_key, $source, 1, $now, CASE WHEN 1 >= $most THEN $lock_until::TIMESTAMP END)
ON CONFLICT (login_key, source) DO UPDATE SET
    failed = CASE WHEN f.last_at <= $stale_before OR f.locked_until <= $now THEN 1
                  ELSE f.failed + 1 END,
    locked_until = CASE WHEN f.last_at <= $stale_before OR f.locked_until <= $now THEN NULL
                        WHEN f.locked_until IS NOT NULL THEN f.locked_until
                        WHEN f.failed + 1 >= $most THEN $lock_until::TIMESTAMP END,
    last_at = $now
RETURNING failed, locked_until;
