-- Uploading a withdrawn file again puts it back.
UPDATE report SET withdrawn_at = NULL, withdrawn_by = NULL
WHERE report_id = $report_id AND withdrawn_at IS NOT NULL
RETURNING report_id;
