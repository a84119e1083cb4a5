-- table_counts.sql on PostgreSQL (read ../table_counts.sql for what it returns): the same
-- rows, counted by ids straight from obligation_status, with status_detail's filters (plan,
-- or every plan not archived; unit groups) as arrays the obligation scan tests itself.
-- status_detail filters on its plan join, a hash join of every status row (PostgreSQL keeps
-- it: the filter reads the plan), and the two grouping sets used to need a first count per
-- (plan, unit, task, status) to stay in memory; with the connection's work_mem both sets
-- hash in one pass. Measured on the bench's million obligations (CPU of the server
-- process, interleaved, best of 4-5): 1.41-1.51x the floor before, 1.17x this way.
WITH counted AS (
    SELECT grouping(task_id) = 0 AS per_task, plan_id, unit_id, task_id, status,
           count(*) AS obligations, max(due_on) AS due_on
    FROM obligation_status($as_of) s
    WHERE s.plan_id = ANY(ARRAY(SELECT plan_id FROM plan
                                WHERE code = $plan OR ($plan IS NULL AND NOT archived)))
      AND ($groups IS NULL
           OR s.unit_id = ANY(ARRAY(SELECT unit_id FROM unit
                                    WHERE list_contains($groups, group_code))))
    GROUP BY GROUPING SETS ((plan_id, unit_id, status), (plan_id, task_id, status))
)
SELECT c.per_task, p.code AS plan, c.unit_id, c.task_id, c.status, c.obligations, c.due_on,
       u.unit, u.group_label, u.name_order, u.unit_order,
       t.section, t.title AS task, t.deadline_text, t.sort_order AS task_order
FROM counted c
JOIN plan p ON p.plan_id = c.plan_id
LEFT JOIN unit_order u ON u.unit_id = c.unit_id
LEFT JOIN task t ON t.task_id = c.task_id
ORDER BY c.per_task, p.code, t.sort_order, c.task_id, u.unit_order, u.name_order, c.status;
