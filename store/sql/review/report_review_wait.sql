-- Fresh uploads $report_ids wait for a cán bộ's confirmation before they count.
UPDATE report SET review_state = 'cho_duyet'
WHERE list_contains($report_ids, report_id) AND review_state IS NULL
RETURNING report_id;
