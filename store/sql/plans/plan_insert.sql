INSERT INTO plan (code, code_note, title, issued_on, issuer, province, directive_id,
                  report_cycle, tracked_until)
VALUES ($code, $code_note, $title, $issued_on, $issuer, $province, $directive_id,
        $report_cycle, $tracked_until)
RETURNING plan_id;
