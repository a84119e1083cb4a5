-- One row per unit with obligations to remind it about, for the reminder page's summary:
-- overdue and not-reported counts and the most days late, in the order of
-- table_reminders.sql (most overdue first, then name in Vietnamese collation, then id).
-- Counting in SQL returns hundreds of rows where the list is hundreds of thousands; units
-- are ranked on the small unit table (the view unit_order), not collated per obligation.
WITH counted AS (
    SELECT unit_id, count(*) FILTER (WHERE status = 'overdue') AS overdue,
           count(*) FILTER (WHERE status = 'not_reported') AS not_reported,
           max(days_late) AS most_days_late
    FROM status_detail($as_of, plan_code := $plan, group_codes := $groups,
                       status_codes := ARRAY['overdue', 'not_reported'])
    GROUP BY unit_id
)
SELECT c.unit_id, n.unit, n.group_label, c.overdue, c.not_reported, c.most_days_late
FROM counted c
JOIN unit_order n ON n.unit_id = c.unit_id
ORDER BY c.overdue DESC, n.name_order;
