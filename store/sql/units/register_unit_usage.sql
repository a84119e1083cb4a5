-- Why a unit cannot be deleted: its assignments and report rows.
SELECT (SELECT count(*) FROM assignment WHERE unit_id = $unit_id) AS assignments,
       (SELECT count(*) FROM report_row WHERE unit_id = $unit_id)
       + (SELECT count(*) FROM report WHERE unit_id = $unit_id) AS reports;
