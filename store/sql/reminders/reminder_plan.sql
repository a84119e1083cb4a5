-- The plan a reminder letter is about ($plan, its code) and the directive it carries out.
SELECT p.plan_id, p.code, p.title, p.issued_on, p.issuer, p.province,
       d.code AS directive, d.issued_on AS directive_issued_on, d.issuer AS directive_issuer,
       d.title AS directive_title
FROM plan p
LEFT JOIN directive d ON d.directive_id = p.directive_id
WHERE p.code = $plan;
