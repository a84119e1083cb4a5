-- How many obligations are in each status, with the sidebar filters.
SELECT status, count(*) AS obligations
FROM status_detail($as_of, plan_code := $plan, group_codes := $groups)
GROUP BY status;
