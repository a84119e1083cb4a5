SELECT t.code AS task_code, u.unit_id, u.name AS unit, u.short_name AS unit_short, a.role
FROM assignment a
JOIN task t ON t.task_id = a.task_id
JOIN plan p ON p.plan_id = t.plan_id
JOIN unit u ON u.unit_id = a.unit_id
WHERE p.code = $plan
ORDER BY t.sort_order, u.name;
