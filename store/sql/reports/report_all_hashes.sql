-- The hash -> (report, unit) of every file in force for a plan: duplicates are not read
-- again. Withdrawn files are left out, so sending one again goes through to the write,
-- which reinstates it (report_reinstate.sql) instead of loading it twice.
SELECT sha256, report_id, unit_id FROM report
WHERE plan_id = $plan_id AND withdrawn_at IS NULL;
