-- The reporting periods a heatmap of recurring tasks can show: every period started on or
-- before the as-of date in the chosen plan(s), newest first. Reads the obligation table
-- only (no status), so it costs a millisecond on a million obligations.
SELECT DISTINCT o.period, o.period_start
FROM obligation o
JOIN plan p ON p.plan_id = o.plan_id
WHERE o.period <> '' AND o.period_start <= $as_of
  AND (p.code = $plan OR ($plan IS NULL AND NOT p.archived))
ORDER BY o.period_start DESC, o.period;
