SELECT plan, any_value(plan_title) AS plan_title, status, count(*) AS obligations
FROM status_detail($as_of, plan_code := $plan, group_codes := $groups)
GROUP BY plan, status
ORDER BY plan, status;
