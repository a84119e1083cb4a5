-- Every obligation with what the unit reported, for tracker.tables.detail. $unit (a unit id)
-- and $unit_name (an official name) narrow to one unit when not NULL; $row_limit caps the
-- rows (NULL for all).
SELECT plan, unit_id, unit, group_label, section, task, period, due_on, completed_on, status,
       result_text, note, file_name, reported_on
FROM status_detail($as_of, plan_code := $plan, group_codes := $groups, status_codes := $statuses)
WHERE ($unit IS NULL OR unit_id = $unit) AND ($unit_name IS NULL OR unit = $unit_name)
ORDER BY plan, group_order, unit COLLATE vi, task_order, period_start NULLS FIRST
LIMIT $row_limit;
