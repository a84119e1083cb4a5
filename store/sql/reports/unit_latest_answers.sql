-- The newest counted answer of unit $unit to each of its obligations in plan $plan_id: the
-- report rows not superseded (report_row.superseded_on NULL) of reports that count (see
-- report_counts). A "done" row without a completion date gets the date the status reads
-- for it (its report's date), so that the answer written back reads to the same status.
SELECT rr.task_id, rr.period, rr.progress,
       CASE WHEN rr.progress = 'done' THEN coalesce(rr.completed_on, r.reported_on)
            ELSE rr.completed_on END AS completed_on,
       rr.result_text, rr.note
FROM report_row rr
JOIN report r ON r.report_id = rr.report_id
WHERE r.plan_id = $plan_id AND rr.unit_id = $unit
  AND rr.superseded_on IS NULL AND report_counts(r.withdrawn_at, r.review_state)
ORDER BY rr.task_id, rr.period, r.reported_on DESC, r.uploaded_at DESC, r.report_id DESC,
         rr.row_no DESC;
