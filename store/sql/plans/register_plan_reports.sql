-- How many reports a plan has received (a plan with reports is archived, not deleted).
SELECT count(*) FROM report r JOIN plan p ON p.plan_id = r.plan_id WHERE p.code = $plan;
