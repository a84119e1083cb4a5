-- Accounts (local or found by their e-mail claim from an OpenID Connect provider), the
-- units a unit account reports for, and the append-only audit trail. No statement under
-- sql/ updates or deletes an audit row (tests/pages/test_audit_trail.py reads them all to check).
CREATE SEQUENCE account_id_seq START 1;
CREATE TABLE account (
    account_id      INTEGER PRIMARY KEY DEFAULT nextval('account_id_seq'),
    login           TEXT NOT NULL UNIQUE,
    display_name    TEXT NOT NULL DEFAULT '',
    email           TEXT,                  -- matched against st.user.email, lower case
    role            TEXT NOT NULL,         -- domain.access.Role
    password_hash   TEXT,                  -- argon2id; NULL for a provider-only account
    active          BOOLEAN NOT NULL DEFAULT TRUE,
    failed_attempts INTEGER NOT NULL DEFAULT 0,
    locked_until    TIMESTAMP,
    created_at      TIMESTAMP NOT NULL
);

CREATE TABLE account_unit (
    account_id INTEGER NOT NULL,
    unit_id    INTEGER NOT NULL,
    PRIMARY KEY (account_id, unit_id)
);

CREATE SEQUENCE audit_id_seq START 1;
CREATE TABLE audit (
    audit_id    BIGINT PRIMARY KEY DEFAULT nextval('audit_id_seq'),
    happened_at TIMESTAMP NOT NULL,
    login       TEXT NOT NULL,
    role        TEXT NOT NULL,
    origin      TEXT NOT NULL,         -- app | cli
    action      TEXT NOT NULL,         -- domain.access.Action, or e.g. sign_in_failed
    object_kind TEXT NOT NULL DEFAULT '',
    object_key  TEXT NOT NULL DEFAULT '',
    before_json TEXT,                  -- JSON text of the values before, NULL for a creation
    after_json  TEXT                   -- JSON text of the values after, NULL for a deletion
);
