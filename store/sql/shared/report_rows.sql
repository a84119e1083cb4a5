-- The rows one report wrote, with the task and unit they were matched to, and the cells of
-- each row corrected in the upload preview ("E: 'x' → 'y'", '' when none).
SELECT rr.sheet, rr.row_no, t.code AS task_code, t.title AS task, u.name AS unit, rr.period,
       rr.progress, rr.completed_on, rr.result_text, rr.note, rr.raw_status,
       coalesce((SELECT string_agg(c.col || ': ''' || coalesce(c.before_value, '') || ''' → '''
                                   || c.after_value || '''', '; ' ORDER BY c.col)
                 FROM report_correction c
                 WHERE c.report_id = rr.report_id AND c.sheet = rr.sheet
                   AND c.row_no = rr.row_no), '') AS corrected
FROM report_row rr
JOIN task t ON t.task_id = rr.task_id
JOIN unit u ON u.unit_id = rr.unit_id
WHERE rr.report_id = $report_id
ORDER BY rr.sheet, rr.row_no, t.sort_order;
