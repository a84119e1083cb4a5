-- A report written directly, bypassing file parsing: for tests that need stored text no
-- upload could carry (control characters, leading tabs). Callers run tracker.store.reports.supersede.
INSERT INTO report (plan_id, unit_id, file_name, sha256, size_bytes, uploaded_at,
                    uploaded_by, reported_on, row_count)
SELECT p.plan_id, u.unit_id, $file_name, $sha256, $size_bytes, current_timestamp,
       'test', $reported_on, $row_count
FROM plan p JOIN unit u ON u.province = p.province AND u.name = $unit
WHERE p.code = $plan
RETURNING report_id;
