-- The account of a live session (not ended, not expired at $now, account active).
SELECT s.account_id
FROM account_session s
JOIN account a ON a.account_id = s.account_id
WHERE s.token_hash = $token_hash AND s.kind = 'session' AND s.ended_at IS NULL
  AND s.expires_at > $now AND a.active;
