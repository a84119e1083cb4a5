-- Every obligation with its status (the command line's `status`).
SELECT plan, unit, task, task_code, section, period, due_on, completed_on, status, reported
FROM status_detail($as_of, plan_code := $plan)
ORDER BY plan, task_order, period_start NULLS FIRST, unit;
