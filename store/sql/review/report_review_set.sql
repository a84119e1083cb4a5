-- A cán bộ's decision on a waiting report ($state 'da_duyet' or 'tra_lai', with $reason).
UPDATE report
SET review_state = $state, review_reason = $reason, reviewed_by = $by, reviewed_at = $at
WHERE report_id = $report_id AND review_state = 'cho_duyet' AND withdrawn_at IS NULL
RETURNING report_id;
