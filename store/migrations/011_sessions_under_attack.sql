-- 011: sign-in that holds under attack (docs/security.md).
--
-- `account.credential_version` grows with every new password, disabling, role change and
-- sign-out of the account; a session that carries an older number is signed out at its
-- next run (tracker.usecases.sign_in.still_valid).
--
-- `sign_in_failure` counts failed sign-ins per (login, source): `login_key` is the SHA-256
-- of the login typed (so an unknown login is counted like a known one, and nothing typed is
-- kept in clear), `source` the client's address. One statement (sign_in_failure_reserve)
-- counts an attempt and reads the count back before the password is checked, so attempts
-- sent together cannot all be checked. A stranger's failures lock the account only for the
-- stranger's address.
--
-- `account_session.bound_to`: the hash of the browser's XSRF token a ticket was issued to;
-- the cookie route redeems the ticket only for that browser (no login CSRF).
--
-- `audit.prev_hash`/`row_hash` chain the trail: each row's hash covers its values and the
-- previous row's hash (`python -m tracker audit verify` checks it). `restored_from` marks
-- rows a restore appended back after going back to a backup.
ALTER TABLE account ADD COLUMN credential_version INTEGER DEFAULT 0;

CREATE TABLE sign_in_failure (
    login_key    TEXT NOT NULL,
    source       TEXT NOT NULL,
    failed       INTEGER NOT NULL,
    last_at      TIMESTAMP NOT NULL,
    locked_until TIMESTAMP,
    PRIMARY KEY (login_key, source)
);

ALTER TABLE account_session ADD COLUMN bound_to TEXT;

ALTER TABLE audit ADD COLUMN prev_hash TEXT;
ALTER TABLE audit ADD COLUMN row_hash TEXT;
ALTER TABLE audit ADD COLUMN restored_from TEXT;
