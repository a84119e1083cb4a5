-- Test-only: a unique key on report_row, so that a staged row makes a later insert fail.
CREATE UNIQUE INDEX IF NOT EXISTS test_clash ON report_row
    (report_id, sheet, row_no, task_id, unit_id, period);
