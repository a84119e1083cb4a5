-- Status counts by plan and unit group in one pass over the status macro: the overview's
-- KPI cards and both of its breakdowns are sums of these rows.
SELECT plan, group_label, min(group_order) AS group_order, status,
       count(*) AS obligations
FROM status_detail($as_of, plan_code := $plan, group_codes := $groups)
GROUP BY plan, group_label, status
ORDER BY plan, group_order, status;
