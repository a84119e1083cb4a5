-- Status counts in one pass over the obligations, for tracker.views.tables (by_unit, by_task) and
-- the export page's previews: per (plan, unit, status) and per (plan, task, status), told
-- apart by "per_task". One evaluation of status_detail (~0.2 s on 1M obligations) serves
-- both tables where two queries cost twice that. The status filter is left to the caller:
-- the reminder preview orders units by their overdue count whatever statuses are chosen.
-- Attributes are joined after counting, from the small unit and task tables; units are
-- ranked there (the view unit_order, migration 009) instead of on every obligation row:
-- name_order by name, unit_order in the detail list's order (group, then name).
WITH counted AS (
    SELECT grouping(task_id) = 0 AS per_task, plan, unit_id, task_id, status,
           count(*) AS obligations, max(due_on) AS due_on
    FROM status_detail($as_of, plan_code := $plan, group_codes := $groups)
    GROUP BY GROUPING SETS ((plan, unit_id, status), (plan, task_id, status))
)
SELECT c.per_task, c.plan, c.unit_id, c.task_id, c.status, c.obligations, c.due_on,
       u.unit, u.group_label, u.name_order, u.unit_order,
       t.section, t.title AS task, t.deadline_text, t.sort_order AS task_order
FROM counted c
LEFT JOIN unit_order u ON u.unit_id = c.unit_id
LEFT JOIN task t ON t.task_id = c.task_id
ORDER BY c.per_task, c.plan, t.sort_order, c.task_id, u.unit_order, u.name_order, c.status;
