-- 010: cells corrected in the upload preview, kept beside the report's rows.
--
-- A file refused for a cell can be corrected in the preview (pages/upload.py); the
-- corrected cells are read instead of the file's and the report is written whole. The
-- original bytes stay as sent (the blob by its sha256): this table says which cells were
-- read otherwise, from what to what, and who corrected them. The same correction is also
-- in the upload's audit row. Same on both backends.

CREATE TABLE report_correction (
    report_id    INTEGER NOT NULL,
    sheet        TEXT NOT NULL DEFAULT '',
    row_no       INTEGER NOT NULL,              -- 1-based, as Excel shows it
    col          TEXT NOT NULL,                 -- the column's letter ("E")
    before_value TEXT,                          -- what the file holds (NULL: empty cell)
    after_value  TEXT NOT NULL DEFAULT '',      -- what was read instead
    corrected_by TEXT NOT NULL DEFAULT '',
    corrected_at TIMESTAMP NOT NULL
);
