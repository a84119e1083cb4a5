-- Names staff confirmed for a task or a unit (upload page, `python -m tracker alias add`):
-- every later report file is matched with them. Kept apart from unit_alias, which the
-- unit register rewrites from its sheet.
CREATE SEQUENCE name_alias_id_seq START 1;
CREATE TABLE name_alias (
    alias_id  INTEGER PRIMARY KEY DEFAULT nextval('name_alias_id_seq'),
    kind      TEXT NOT NULL CHECK (kind IN ('task', 'unit')),
    target_id INTEGER NOT NULL,                 -- task_id or unit_id
    alias     TEXT NOT NULL,                    -- NFC, as written in the report
    alias_key TEXT NOT NULL,                    -- domain.text.fold(alias)
    added_by  TEXT NOT NULL DEFAULT '',
    added_at  TIMESTAMP NOT NULL DEFAULT current_timestamp,
    UNIQUE (kind, target_id, alias_key)
);
