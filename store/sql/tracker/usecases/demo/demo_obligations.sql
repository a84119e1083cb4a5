-- Every obligation of every plan with the names a report would use (demo generator).
SELECT p.code AS plan, p.issued_on AS plan_date, u.name AS unit, u.short_name AS unit_short,
       t.code AS task_code, t.section, t.title AS task, o.period, o.period_start, o.due_on
FROM obligation o
JOIN plan p ON p.plan_id = o.plan_id
JOIN unit u ON u.unit_id = o.unit_id
JOIN task t ON t.task_id = o.task_id
ORDER BY p.code, u.name, t.sort_order, o.period_start NULLS FIRST;
