-- A right password from $source clears that source's count for the login; a new password
-- ($source NULL) clears every source's.
DELETE FROM sign_in_failure
WHERE login_key = $login_key AND ($source::TEXT IS NULL OR source = $source::TEXT);
