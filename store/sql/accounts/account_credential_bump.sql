-- A new password, disabling, a role change or a sign-out: every session that carries the
-- old number is signed out at its next run.
UPDATE account SET credential_version = coalesce(credential_version, 0) + 1
WHERE account_id = $account_id
RETURNING credential_version;
