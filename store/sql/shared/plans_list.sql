SELECT p.plan_id, p.code, p.code_note, p.title, p.issued_on, p.issuer, p.province,
       d.code AS directive, p.report_cycle, p.tracked_until, p.archived,
       (SELECT count(*) FROM task t WHERE t.plan_id = p.plan_id) AS tasks
FROM plan p LEFT JOIN directive d ON d.directive_id = p.directive_id
ORDER BY p.issued_on, p.code;
