-- table_preview_counts.sql on PostgreSQL (read it for what it returns): the same rows,
-- counted by ids straight from obligation_status with status_detail's filters as arrays
-- the obligation scan tests, as table_counts.postgresql.sql does and for the same reason
-- (status_detail's plan filter is a hash join of every status row).
WITH counted AS (
    SELECT grouping(task_id) = 0 AS per_task, plan_id, unit_id, task_id, status,
           count(*) AS obligations
    FROM obligation_status($as_of) s
    WHERE s.plan_id = ANY(ARRAY(SELECT plan_id FROM plan
                                WHERE code = $plan OR ($plan IS NULL AND NOT archived)))
      AND ($groups IS NULL
           OR s.unit_id = ANY(ARRAY(SELECT unit_id FROM unit
                                    WHERE list_contains($groups, group_code))))
    GROUP BY GROUPING SETS ((plan_id, unit_id, status), (task_id, status))
)
SELECT c.per_task, p.code AS plan, c.unit_id, c.task_id, c.status, c.obligations,
       u.unit, u.group_label, u.name_order, u.unit_order
FROM counted c
LEFT JOIN plan p ON p.plan_id = c.plan_id
LEFT JOIN unit_order u ON u.unit_id = c.unit_id
ORDER BY c.per_task, p.code, u.name_order, c.task_id, c.status;
