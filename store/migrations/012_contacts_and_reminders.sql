-- 012: units' contacts, the reminder letters drafted and sent, and who may send what today.
--
-- `unit_contact`: one row per unit that has any; `emails` is the addresses joined by "; "
-- (one text on both backends; domain.contacts splits and checks them), `head` the
-- head's title and name as a letter's "Kính gửi" may name them, `address` the postal one.
-- `reminder`: one row per letter drafted, sent, failed or left for paper (result), with
-- its obligations as JSON text (task, period, due date, days late) and the letter's number
-- (empty for a draft: văn thư numbers what is issued). Kept as history; nothing updates it.
-- `send_claim`: who sends what on a day. A sender inserts (kind, claim_key, claim_day, attempt) in its
-- own transaction before sending; the primary key lets one of several app servers or
-- timers win, the others skip it. A failed send deletes its claim, so the next run retries.
-- `attempt` > 0 is a deliberate resend the same day (--again).
-- `office_file`: the office's own letter templates (name 'letter_party' or 'letter_state'),
-- kept as original files by sha256 (the store's blobs), replacing the defaults that ship.
-- The reminder window (what "falls due soon" on «Đôn đốc») is the setting 'reminder_days';
-- letter numbers come from 'letter_number' (the last number given).

CREATE TABLE unit_contact (
    unit_id INTEGER PRIMARY KEY,
    emails  TEXT NOT NULL DEFAULT '',
    head    TEXT NOT NULL DEFAULT '',
    address TEXT NOT NULL DEFAULT ''
);

CREATE SEQUENCE reminder_id_seq START 1;
CREATE TABLE reminder (
    reminder_id INTEGER PRIMARY KEY DEFAULT nextval('reminder_id_seq'),
    plan_id     INTEGER NOT NULL,
    unit_id     INTEGER NOT NULL,
    as_of       DATE NOT NULL,
    made_at     TIMESTAMP NOT NULL,
    made_by     TEXT NOT NULL,
    number      TEXT NOT NULL DEFAULT '',
    result      TEXT NOT NULL,                 -- drafted | sent | failed | paper
    recipients  TEXT NOT NULL DEFAULT '',      -- "; "-joined addresses it went (or was to go) to
    detail      TEXT NOT NULL DEFAULT '',      -- the server's refusal, in its words
    obligations TEXT NOT NULL DEFAULT '[]'     -- JSON list of the obligations it named
);

CREATE TABLE send_claim (
    kind       TEXT NOT NULL,                  -- letter | digest
    claim_key  TEXT NOT NULL,                  -- "plan_id:unit_id" for a letter
    claim_day  DATE NOT NULL,
    attempt    INTEGER NOT NULL DEFAULT 0,
    claimed_by TEXT NOT NULL,
    claimed_at TIMESTAMP NOT NULL,
    PRIMARY KEY (kind, claim_key, claim_day, attempt)
);

CREATE TABLE office_file (
    name       TEXT PRIMARY KEY,
    sha256     TEXT NOT NULL,
    file_name  TEXT NOT NULL DEFAULT '',
    updated_by TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

INSERT INTO setting VALUES ('reminder_days', 7);
INSERT INTO setting VALUES ('letter_number', 0);
