INSERT INTO report_row (report_id, sheet, row_no, task_id, unit_id, period, progress,
                        completed_on, result_text, note, raw_status)
SELECT r.report_id, 'Báo cáo', $row_no, t.task_id, r.unit_id, $period, $progress,
       $completed_on, $result_text, $note, $raw_status
FROM report r JOIN task t ON t.plan_id = r.plan_id AND t.code = $task_code
WHERE r.report_id = $report_id;
