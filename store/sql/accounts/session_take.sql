-- Use a one-time ticket: ends it and returns its account, if it was valid at $now and is
-- redeemed by the browser it was issued to ($bound_to).
UPDATE account_session SET ended_at = $now
WHERE token_hash = $token_hash AND kind = 'ticket' AND ended_at IS NULL AND expires_at > $now
  AND bound_to = $bound_to::TEXT
RETURNING account_id;
