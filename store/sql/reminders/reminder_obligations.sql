-- What a reminder letter names, for store.reminders.obligations: every obligation of
-- plan $plan (every plan not archived when NULL) overdue or due within $soon_days days of
-- $as_of, of one unit ($unit, NULL for all) and of unit groups $groups (NULL for all), not
-- the ones not due yet outside the window.
-- By unit (unit_order), then the overdue ones most days late first, then the due-soon ones
-- by due date.
SELECT s.plan, s.plan_id, s.unit_id, s.unit, s.group_label, s.section, s.task, s.period,
       s.period_start, s.due_on, s.days_late, s.status, s.deadline_text
FROM status_detail($as_of, plan_code := $plan, group_codes := $groups,
                   status_codes := ARRAY['overdue', 'due_soon'], soon_days := $soon_days) s
JOIN unit_order n ON n.unit_id = s.unit_id
WHERE $unit IS NULL OR s.unit_id = $unit
ORDER BY s.plan, n.unit_order, s.unit_id, s.status = 'due_soon', s.days_late DESC NULLS LAST,
         s.due_on, s.task_order, s.period_start NULLS FIRST;
