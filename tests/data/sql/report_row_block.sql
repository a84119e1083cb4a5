-- Test-only: a row where an upcoming report's row $n of task $t for unit $u will go.
INSERT INTO report_row (report_id, sheet, row_no, task_id, unit_id, period, progress,
                        completed_on, result_text, note, raw_status, superseded_on)
SELECT $r, 'Báo cáo', $n, t.task_id, u.unit_id, '', 'done', NULL, '', '', '', NULL
FROM task t, unit u WHERE t.code = $t AND u.name = $u;
