-- The newest report date among reports still counted: the natural "as of" for a view.
SELECT max(r.reported_on)
FROM report r JOIN plan p ON p.plan_id = r.plan_id
WHERE r.withdrawn_at IS NULL AND ($plan IS NULL OR p.code = $plan);
