-- 006: sign-in. A browser that signed in holds a signed cookie carrying a random token; only
-- the token's SHA-256 is kept here, with the account and when it ends. A one-time `ticket`
-- hands a sign-in made on the app's page over to the route that sets the cookie. The secret
-- that signs cookies is generated once per database (app_secret) unless secrets.toml gives one.
CREATE TABLE account_session (
    token_hash TEXT PRIMARY KEY,
    account_id INTEGER NOT NULL,
    kind       TEXT NOT NULL,        -- ticket | session
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    ended_at   TIMESTAMP             -- a used ticket, a signed-out session
);

CREATE TABLE app_secret (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
