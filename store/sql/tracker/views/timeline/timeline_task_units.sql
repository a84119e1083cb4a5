-- The detail behind one bar of the timeline: each unit's obligation for one task and
-- period, with the report it came from. Filtered like the timeline itself.
SELECT unit_id, unit, unit_short, group_label, status, due_on, completed_on, days_late,
       reported_on, file_name, result_text
FROM status_detail($as_of, plan_code := $plan, group_codes := $groups,
                   status_codes := $statuses)
WHERE task_id = $task_id AND period = $period
ORDER BY group_order, unit COLLATE vi;
