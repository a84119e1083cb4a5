-- The plan a batch of reports is matched against, with its directive's date (no work done
-- for the plan can predate the directive).
SELECT p.plan_id, p.code, p.title, p.issued_on, p.province, d.issued_on AS directive_on
FROM plan p LEFT JOIN directive d ON d.directive_id = p.directive_id
WHERE p.code = $code;
