UPDATE plan SET code_note = $code_note, title = $title, issued_on = $issued_on,
    issuer = $issuer, province = $province, directive_id = $directive_id,
    report_cycle = $report_cycle, tracked_until = $tracked_until
WHERE plan_id = $plan_id;
