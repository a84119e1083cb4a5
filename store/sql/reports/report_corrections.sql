-- The cells corrected in the upload preview of a plan's reports, by report and cell.
SELECT c.report_id, r.file_name, c.sheet, c.row_no, c.col, c.before_value, c.after_value,
       c.corrected_by, c.corrected_at
FROM report_correction c
JOIN report r ON r.report_id = c.report_id
JOIN plan p ON p.plan_id = r.plan_id
WHERE p.code = $plan
ORDER BY c.report_id DESC, c.sheet, c.row_no, c.col;
