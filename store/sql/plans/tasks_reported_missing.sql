-- Tasks that would be removed by a save but already carry report rows.
SELECT DISTINCT t.code FROM task t JOIN report_row rr ON rr.task_id = t.task_id
WHERE t.plan_id = $plan_id AND NOT list_contains($codes, t.code)
ORDER BY t.code;
