-- Status counts by plan and unit group in one pass over the status macro: the overview's
-- KPI cards and both of its breakdowns are sums of these rows. Counted per unit id first,
-- then summed by group over those few thousand rows: on PostgreSQL status_detail then
-- leaves out its joins to unit and unit_group when no group filter reads them (its
-- migration 008).
WITH counted AS (
    SELECT plan, unit_id, status, count(*) AS obligations
    FROM status_detail($as_of, plan_code := $plan, group_codes := $groups)
    GROUP BY plan, unit_id, status
)
SELECT c.plan, g.label AS group_label, min(g.sort_order) AS group_order, c.status,
       sum(c.obligations)::BIGINT AS obligations
FROM counted c
JOIN unit u ON u.unit_id = c.unit_id
JOIN unit_group g ON g.group_code = u.group_code
GROUP BY c.plan, g.label, c.status
ORDER BY c.plan, group_order, c.status;
