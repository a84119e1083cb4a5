-- Reports of a plan already holding some of these files (by hash of their bytes).
SELECT sha256, report_id, withdrawn_at
FROM report
WHERE plan_id = $plan_id AND list_contains($shas, sha256);
