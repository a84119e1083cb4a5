-- Sign-out, or every session of an account (a disabled account, a changed password).
UPDATE account_session SET ended_at = $now
WHERE ended_at IS NULL
  AND (token_hash = $token_hash::TEXT OR account_id = $account_id::INTEGER);
