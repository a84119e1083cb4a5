-- The plan's tasks, in the plan's order.
SELECT task_id, code, title, section, recurrence, due_on, deadline_text, sort_order
FROM task WHERE plan_id = $plan_id
ORDER BY sort_order, code;
