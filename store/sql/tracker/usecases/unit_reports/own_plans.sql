-- The plans (not archived) that give the units $unit_ids an obligation, oldest first.
SELECT p.code, p.title, p.issued_on
FROM plan p
WHERE NOT p.archived
  AND EXISTS (SELECT 1 FROM obligation o
              WHERE o.plan_id = p.plan_id AND list_contains($unit_ids, o.unit_id))
ORDER BY p.issued_on, p.code;
