-- The newest report date among reports still counted: the natural "as of" for a view.
SELECT max(r.reported_on)
FROM report r JOIN plan p ON p.plan_id = r.plan_id
WHERE report_counts(r.withdrawn_at, r.review_state) AND ($plan IS NULL OR p.code = $plan);
