-- Remembered names with what they stand for; $kind, $plan (a plan code, for task names) and
-- $province (for unit names) narrow the list when given. Names of deleted tasks or units
-- are left out.
SELECT a.alias_id, a.kind, a.alias, coalesce(t.code, u.name) AS target,
       coalesce(t.title, u.name) AS target_name, p.code AS plan_code, u.province,
       a.added_by, a.added_at
FROM name_alias a
LEFT JOIN task t ON a.kind = 'task' AND t.task_id = a.target_id
LEFT JOIN plan p ON p.plan_id = t.plan_id
LEFT JOIN unit u ON a.kind = 'unit' AND u.unit_id = a.target_id
WHERE (t.task_id IS NOT NULL OR u.unit_id IS NOT NULL)
  AND ($kind IS NULL OR a.kind = $kind)
  AND ($plan IS NULL OR a.kind <> 'task' OR p.code = $plan)
  AND ($province IS NULL OR a.kind <> 'unit' OR u.province = $province)
ORDER BY a.kind, target, a.alias;
