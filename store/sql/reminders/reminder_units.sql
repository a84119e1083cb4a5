-- Per (plan, unit) with a letter to send, for store.reminders.unit_counts: what
-- reminder_obligations.sql would list for it, counted (overdue, due within $soon_days days,
-- the most days late), in the order reminders.letters writes the letters: plans as
-- reminder_plans.sql lists them, then units by unit_order. Counting in SQL returns hundreds
-- of rows where the obligations are hundreds of thousands; they are counted by ids and
-- named after (grouping by the names too hashed text per status row), with each unit's
-- e-mails (empty without a contact), so the page reads no contact list of its own.
WITH counted AS (
    SELECT plan_id, unit_id,
           count(*) FILTER (WHERE status = 'overdue') AS overdue,
           count(*) FILTER (WHERE status = 'due_soon') AS due_soon,
           coalesce(max(days_late), 0) AS most_days_late
    FROM status_detail($as_of, plan_code := $plan, group_codes := $groups,
                       status_codes := ARRAY['overdue', 'due_soon'], soon_days := $soon_days)
    GROUP BY plan_id, unit_id
)
SELECT p.code AS plan, c.plan_id, c.unit_id, n.unit, c.overdue, c.due_soon, c.most_days_late,
       coalesce(k.emails, '') AS emails
FROM counted c
JOIN plan p ON p.plan_id = c.plan_id
JOIN unit_order n ON n.unit_id = c.unit_id
LEFT JOIN unit_contact k ON k.unit_id = c.unit_id
ORDER BY p.issued_on, p.code, n.unit_order, c.unit_id;
