-- Obligations to remind units about (overdue, or not reported yet), for
-- tracker.tables.reminders: units with the most overdue obligations first; inside a unit the
-- overdue ones, most days late first, then the not-reported ones by due date.
SELECT plan, unit_id, unit, group_label, section, task, period, due_on, days_late, status,
       count(*) FILTER (WHERE status = 'overdue') OVER (PARTITION BY unit_id) AS unit_overdue
FROM status_detail($as_of, plan_code := $plan, group_codes := $groups,
                   status_codes := ['overdue', 'not_reported'])
ORDER BY unit_overdue DESC, unit COLLATE vi, unit_id, status = 'not_reported',
         days_late DESC NULLS LAST, due_on NULLS LAST, plan, task_order, period_start NULLS FIRST;
