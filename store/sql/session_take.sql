-- Use a one-time ticket: ends it and returns its account, if it was valid at $now.
UPDATE account_session SET ended_at = $now
WHERE token_hash = $token_hash AND kind = 'ticket' AND ended_at IS NULL AND expires_at > $now
RETURNING account_id;
