SELECT group_label, any_value(group_order) AS group_order, status, count(*) AS obligations
FROM status_detail($as_of, plan_code := $plan, group_codes := $groups)
GROUP BY group_label, status
ORDER BY group_order, status;
