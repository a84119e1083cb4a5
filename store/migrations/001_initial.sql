-- 001: the initial schema.
-- Obligations are not typed in: they are derived from tasks x assignments x periods by
-- obligations_derive.sql whenever a plan's tasks or assignments change.
-- No FOREIGN KEY clauses: DuckDB runs an UPDATE of an indexed row as delete + insert, which
-- trips foreign keys inside one transaction; the store layer keeps references whole.

CREATE SEQUENCE directive_id_seq START 1;
CREATE TABLE directive (
    directive_id INTEGER PRIMARY KEY DEFAULT nextval('directive_id_seq'),
    code         TEXT NOT NULL UNIQUE,          -- "32-CT/TW"
    issued_on    DATE,
    issuer       TEXT,                          -- "Bộ Chính trị"
    title        TEXT NOT NULL DEFAULT ''
);

CREATE SEQUENCE plan_id_seq START 1;
CREATE TABLE plan (
    plan_id      INTEGER PRIMARY KEY DEFAULT nextval('plan_id_seq'),
    code         TEXT NOT NULL UNIQUE,          -- "84-KH/BTGTU"
    code_note    TEXT NOT NULL DEFAULT '',      -- why a code was assigned when the text has none
    title        TEXT NOT NULL,
    issued_on    DATE NOT NULL,                 -- reference year for "30/6"
    issuer       TEXT NOT NULL DEFAULT '',
    province     TEXT NOT NULL DEFAULT '',      -- scopes unit matching
    directive_id INTEGER,
    report_cycle TEXT NOT NULL DEFAULT 'half_yearly',  -- periods of "thường xuyên" tasks
    tracked_until DATE NOT NULL,                -- last day recurring periods are generated for
    archived     BOOLEAN NOT NULL DEFAULT false
);

CREATE TABLE unit_group (
    group_code TEXT PRIMARY KEY,
    label      TEXT NOT NULL,
    sort_order INTEGER NOT NULL
);

CREATE SEQUENCE unit_id_seq START 1;
CREATE TABLE unit (
    unit_id    INTEGER PRIMARY KEY DEFAULT nextval('unit_id_seq'),
    province   TEXT NOT NULL DEFAULT '',
    name       TEXT NOT NULL,                   -- official name, NFC
    short_name TEXT NOT NULL DEFAULT '',        -- "Sở TT&TT"
    group_code TEXT NOT NULL,
    level      TEXT NOT NULL DEFAULT 'tinh',    -- tinh | huyen | co_so
    parent_id  INTEGER,
    UNIQUE (province, name)
);

-- Every way a unit is written (official name, abbreviations, aliases), by folded key.
CREATE TABLE unit_alias (
    unit_id   INTEGER NOT NULL,
    alias     TEXT NOT NULL,
    alias_key TEXT NOT NULL,                    -- domain.text.fold(alias)
    PRIMARY KEY (unit_id, alias_key)
);

CREATE SEQUENCE task_id_seq START 1;
CREATE TABLE task (
    task_id       INTEGER PRIMARY KEY DEFAULT nextval('task_id_seq'),
    plan_id       INTEGER NOT NULL,
    code          TEXT NOT NULL,                -- "NV01", unique in the plan
    section       TEXT NOT NULL DEFAULT '',     -- "III.1", as the plan numbers it
    section_title TEXT NOT NULL DEFAULT '',     -- the enclosing heading, groups the timeline
    title         TEXT NOT NULL,
    deadline_text TEXT NOT NULL DEFAULT '',     -- exactly as the plan words it
    start_on      DATE,
    due_on        DATE,
    recurrence    TEXT,                         -- NULL | continuous | monthly | quarterly | half_yearly | yearly
    deadline_unparsed BOOLEAN NOT NULL DEFAULT false,
    sort_order    INTEGER NOT NULL DEFAULT 0,
    UNIQUE (plan_id, code)
);

CREATE TABLE assignment (
    task_id INTEGER NOT NULL,
    unit_id INTEGER NOT NULL,
    role    TEXT NOT NULL DEFAULT 'phoi_hop',   -- chu_tri | phoi_hop
    PRIMARY KEY (task_id, unit_id)
);

-- One row per (task, unit, period); '' is the period of a one-off task.
CREATE TABLE obligation (
    plan_id      INTEGER NOT NULL,
    task_id      INTEGER NOT NULL,
    unit_id      INTEGER NOT NULL,
    period       TEXT NOT NULL,                 -- '' | '2019' | '2019-H2' | '2020-Q3' | '2019-07'
    period_start DATE,
    due_on       DATE,
    PRIMARY KEY (task_id, unit_id, period)
);

CREATE SEQUENCE report_id_seq START 1;
CREATE TABLE report (
    report_id    INTEGER PRIMARY KEY DEFAULT nextval('report_id_seq'),
    plan_id      INTEGER NOT NULL,
    unit_id      INTEGER,   -- NULL for a consolidated, many-unit file
    file_name    TEXT NOT NULL,
    sha256       TEXT NOT NULL,
    size_bytes   BIGINT NOT NULL,
    uploaded_at  TIMESTAMP NOT NULL,
    uploaded_by  TEXT NOT NULL DEFAULT '',
    reported_on  DATE NOT NULL,                 -- the report's own date; "as of" compares this
    row_count    INTEGER NOT NULL DEFAULT 0,
    warnings     INTEGER NOT NULL DEFAULT 0,
    withdrawn_at TIMESTAMP,
    withdrawn_by TEXT,
    UNIQUE (plan_id, sha256)
);

-- No primary key: validation already refuses duplicate rows, and the index cost a quarter
-- of the ingest time on 100k rows (0.25-0.38 s with it, 0.09 s without).
CREATE TABLE report_row (
    report_id    INTEGER NOT NULL,
    sheet        TEXT NOT NULL DEFAULT '',
    row_no       INTEGER NOT NULL,              -- 1-based, as Excel shows it
    task_id      INTEGER NOT NULL,
    unit_id      INTEGER NOT NULL,
    period       TEXT NOT NULL DEFAULT '',
    progress     TEXT NOT NULL,                 -- done | in_progress | not_started
    completed_on DATE,
    result_text  TEXT NOT NULL DEFAULT '',
    note         TEXT NOT NULL DEFAULT '',
    raw_status   TEXT NOT NULL DEFAULT '',
    -- the reported_on of the next report for the same obligation; NULL while it is the
    -- newest. Kept by store.reports.supersede on every write that adds, withdraws or
    -- reinstates a report, so that the status as of a date filters instead of ranking.
    superseded_on DATE
);
