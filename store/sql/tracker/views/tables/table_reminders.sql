-- Obligations to remind units about (overdue, or not reported yet), for
-- tracker.views.tables.reminders: units with the most overdue obligations first (ties by name in
-- Vietnamese collation, then id); inside a unit the overdue ones, most days late first, then
-- the not-reported ones by due date. The per-unit count is a GROUP BY joined back and names
-- are ranked on the unit table: a count window over every row and collating each row's unit
-- name made this 0.85 s on 1M obligations.
-- $statuses narrows the rows after units are placed (a unit keeps its place by its overdue
-- count); $units (unit ids) narrows to those units (pushed down to the scan); $row_limit caps
-- the rows. NULL for all.
WITH listed AS (
    SELECT plan, unit_id, unit, group_label, section, task, period, due_on, days_late, status,
           task_order, task_id, period_start
    FROM status_detail($as_of, plan_code := $plan, group_codes := $groups,
                       status_codes := ARRAY['overdue', 'not_reported'])
    WHERE $units IS NULL OR list_contains($units, unit_id)
),
per_unit AS (
    SELECT unit_id, count(*) FILTER (WHERE status = 'overdue') AS unit_overdue
    FROM listed
    GROUP BY unit_id
)
SELECT l.plan, l.unit_id, l.unit, l.group_label, l.section, l.task, l.period, l.due_on,
       l.days_late, l.status
FROM listed l
JOIN per_unit c ON c.unit_id = l.unit_id
JOIN unit_order n ON n.unit_id = l.unit_id
WHERE $statuses IS NULL OR list_contains($statuses, l.status)
ORDER BY c.unit_overdue DESC, n.name_order, l.status = 'not_reported',
         l.days_late DESC NULLS LAST, l.due_on NULLS LAST, l.plan, l.task_order,
         l.period_start NULLS FIRST, l.task_id
LIMIT $row_limit;
