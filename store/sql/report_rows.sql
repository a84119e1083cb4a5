-- The rows one report wrote, with the task and unit they were matched to.
SELECT rr.sheet, rr.row_no, t.code AS task_code, t.title AS task, u.name AS unit, rr.period,
       rr.progress, rr.completed_on, rr.result_text, rr.note, rr.raw_status
FROM report_row rr
JOIN task t ON t.task_id = rr.task_id
JOIN unit u ON u.unit_id = rr.unit_id
WHERE rr.report_id = $report_id
ORDER BY rr.sheet, rr.row_no, t.sort_order;
