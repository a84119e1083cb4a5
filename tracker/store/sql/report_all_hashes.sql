-- The hash -> (report, unit) of every file loaded for a plan: duplicates are not read again.
SELECT sha256, report_id, unit_id FROM report WHERE plan_id = $plan_id;
