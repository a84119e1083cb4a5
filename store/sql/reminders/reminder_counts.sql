-- Per unit: how many letters reached it (sent by e-mail or left for paper) and the day of the
-- last one, for plan $plan (all when NULL); "đã nhắc 2 lần, lần cuối 05/08/2019".
SELECT r.unit_id, count(*) AS times, max(r.made_at) AS last_at
FROM reminder r
JOIN plan p ON p.plan_id = r.plan_id
WHERE r.result IN ('sent', 'paper') AND ($plan IS NULL OR p.code = $plan)
  AND ($unit IS NULL OR r.unit_id = $unit)
GROUP BY r.unit_id;
