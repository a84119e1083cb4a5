-- A ticket or session token's hash; a ticket is bound ($bound_to) to the browser it was
-- issued to.
INSERT INTO account_session (token_hash, account_id, kind, created_at, expires_at, bound_to)
VALUES ($token_hash, $account_id, $kind, $created_at, $expires_at, $bound_to::TEXT);
