-- The obligations of the units $unit_ids with their status as of $as_of (plan $plan, or
-- every plan not archived): what a unit account may see of the status, and nothing else.
SELECT plan, unit_id, unit, task_code, section, task, deadline_text, period, period_start,
       due_on, completed_on, status, reported, days_late, file_name, reported_on, result_text
FROM status_detail($as_of, plan_code := $plan)
WHERE list_contains($unit_ids, unit_id)
ORDER BY plan, task_order, period_start NULLS FIRST, unit;
