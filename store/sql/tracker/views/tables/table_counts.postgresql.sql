-- table_counts.sql on PostgreSQL (read ../table_counts.sql for what it returns): the same
-- rows, counted in two steps. PostgreSQL runs GROUPING SETS over the million status rows
-- as one hash aggregate plus a sort of all of them for the other set (its estimate of the
-- groups of a computed status is far too high to hash both), spilling to disk. Counting
-- per (plan, unit, task, status) first, by ids, leaves a fraction of the rows for the
-- grouping sets. DuckDB hashes both sets in one pass and is faster with the one-step query.
WITH fine AS (
    SELECT plan_id, unit_id, task_id, status, count(*) AS obligations, max(due_on) AS due_on
    FROM status_detail($as_of, plan_code := $plan, group_codes := $groups)
    GROUP BY plan_id, unit_id, task_id, status
),
counted AS (
    SELECT grouping(task_id) = 0 AS per_task, plan_id, unit_id, task_id, status,
           sum(obligations)::BIGINT AS obligations, max(due_on) AS due_on
    FROM fine
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
