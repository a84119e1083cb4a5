-- Status counts per (plan, unit, status), for tracker.views.tables.by_unit (the ranking
-- page): table_counts.sql without its per-task half. One hash aggregation over the status
-- of every obligation, by ids, where table_counts' GROUPING SETS keeps the status rows to
-- read them twice (DuckDB materialises them, PostgreSQL sorts them). The status filter is
-- left to the caller, as there. Plans and units are named after counting, from the small
-- tables; units are ranked there (the view unit_order), not collated per obligation.
WITH counted AS (
    SELECT plan_id, unit_id, status, count(*) AS obligations
    FROM status_detail($as_of, plan_code := $plan, group_codes := $groups)
    GROUP BY plan_id, unit_id, status
)
SELECT p.code AS plan, c.unit_id, c.status, c.obligations, n.unit, n.group_label, n.name_order
FROM counted c
JOIN plan p ON p.plan_id = c.plan_id
JOIN unit_order n ON n.unit_id = c.unit_id
ORDER BY p.code, n.name_order, c.status;
