-- Remembered names of the plan's tasks: (task_id, alias).
SELECT a.target_id, a.alias
FROM name_alias a JOIN task t ON t.task_id = a.target_id
WHERE a.kind = 'task' AND t.plan_id = $plan_id
ORDER BY a.alias_id;
