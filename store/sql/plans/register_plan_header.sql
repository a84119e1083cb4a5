-- One plan's own fields and its directive, for editing.
SELECT p.plan_id, p.code, p.code_note, p.title, p.issued_on, p.issuer, p.province,
       p.report_cycle, p.tracked_until, p.archived,
       d.code AS directive_code, d.issued_on AS directive_date,
       coalesce(d.issuer, '') AS directive_issuer, coalesce(d.title, '') AS directive_title
FROM plan p LEFT JOIN directive d ON d.directive_id = p.directive_id
WHERE p.code = $plan;
