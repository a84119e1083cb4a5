-- Every report row for one unit and one task received up to $as_of, for
-- tracker.views.obligation.cell: newest report first (then newest upload), withdrawn reports
-- too, each row with its file (name, sha256 of the original bytes) and the date a later
-- report superseded it (NULL while it counts).
SELECT r.report_id, r.file_name, r.sha256, r.reported_on, r.uploaded_at, r.uploaded_by,
       r.withdrawn_at, r.review_state, rr.sheet, rr.row_no, rr.period, rr.progress, rr.completed_on,
       rr.result_text, rr.note, rr.raw_status, rr.superseded_on
FROM report_row rr
JOIN report r ON r.report_id = rr.report_id
WHERE rr.unit_id = $unit AND rr.task_id = $task AND r.reported_on <= $as_of
ORDER BY r.reported_on DESC, r.uploaded_at DESC, r.report_id DESC, rr.period DESC,
         rr.row_no;
