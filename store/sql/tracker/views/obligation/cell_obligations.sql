-- The obligations behind one heatmap cell (one unit, one task), for
-- tracker.views.obligation.cell: every period begun by $as_of, latest first, with its status
-- and the report it was counted from. $plan narrows as the heatmap does (NULL: every plan
-- not archived).
SELECT plan, plan_title, unit_id, unit, unit_short, group_label, task_id, task_code, section,
       task, deadline_text, recurrence, period, period_start, due_on, completed_on, status,
       days_late, report_id, file_name, reported_on, result_text, note
FROM status_detail($as_of, plan_code := $plan)
WHERE unit_id = $unit AND task_id = $task
ORDER BY period_start DESC NULLS LAST, period DESC;
