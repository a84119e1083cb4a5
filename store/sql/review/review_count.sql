-- How many reports wait for review (of plan $plan, or of every plan not archived).
SELECT count(*)
FROM report r JOIN plan p ON p.plan_id = r.plan_id
WHERE r.review_state = 'cho_duyet' AND r.withdrawn_at IS NULL
  AND (p.code = $plan OR ($plan IS NULL AND NOT p.archived));
