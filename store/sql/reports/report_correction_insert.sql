-- One cell corrected in the upload preview of a report being written.
INSERT INTO report_correction (report_id, sheet, row_no, col, before_value, after_value,
                               corrected_by, corrected_at)
VALUES ($report_id, $sheet, $row_no, $col, $before_value, $after_value, $corrected_by,
        $corrected_at);
