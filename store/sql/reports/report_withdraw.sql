-- Withdraw an upload: its rows stop counting; nothing is deleted (history is kept).
UPDATE report SET withdrawn_at = current_timestamp, withdrawn_by = $by
WHERE report_id = $report_id AND withdrawn_at IS NULL
RETURNING report_id;
