-- What the export page shows first, in one pass over the status of every obligation
-- (tracker.views.tables.preview_counts): per (plan, unit, status) the counts of
-- table_unit_counts.sql (and unit_order, for the detail list's first units), and per
-- (task, status) a count only, from which the page takes the number of tasks; "per_task"
-- tells them apart. table_counts.sql gives the per-task half whole (plan, deadline, latest
-- due date, task attributes), which only the task table's own tab draws, and costs more
-- to count. The status filter is left to the caller, as there.
WITH counted AS (
    SELECT grouping(task_id) = 0 AS per_task, plan_id, unit_id, task_id, status,
           count(*) AS obligations
    FROM status_detail($as_of, plan_code := $plan, group_codes := $groups)
    GROUP BY GROUPING SETS ((plan_id, unit_id, status), (task_id, status))
)
SELECT c.per_task, p.code AS plan, c.unit_id, c.task_id, c.status, c.obligations,
       u.unit, u.group_label, u.name_order, u.unit_order
FROM counted c
LEFT JOIN plan p ON p.plan_id = c.plan_id
LEFT JOIN unit_order u ON u.unit_id = c.unit_id
ORDER BY c.per_task, p.code, u.name_order, c.task_id, c.status;
