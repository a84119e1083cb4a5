-- Per (plan, unit) with a letter to send, for store.reminders.unit_counts: what
-- reminder_obligations.sql would list for it, counted (overdue, due within $soon_days days,
-- the most days late), in the order reminders.letters writes the letters: plans as
-- reminder_plans.sql lists them, then units by unit_order. Counting in SQL returns hundreds
-- of rows where the obligations are hundreds of thousands.
SELECT s.plan, s.plan_id, s.unit_id, s.unit,
       count(*) FILTER (WHERE s.status = 'overdue') AS overdue,
       count(*) FILTER (WHERE s.status = 'due_soon') AS due_soon,
       coalesce(max(s.days_late), 0) AS most_days_late
FROM status_detail($as_of, plan_code := $plan, group_codes := $groups,
                   status_codes := ARRAY['overdue', 'due_soon'], soon_days := $soon_days) s
JOIN plan p ON p.plan_id = s.plan_id
JOIN unit_order n ON n.unit_id = s.unit_id
GROUP BY s.plan, s.plan_id, s.unit_id, s.unit, p.issued_on, n.unit_order
ORDER BY p.issued_on, s.plan, n.unit_order, s.unit_id;
