INSERT INTO account_session (token_hash, account_id, kind, created_at, expires_at)
VALUES ($token_hash, $account_id, $kind, $created_at, $expires_at);
