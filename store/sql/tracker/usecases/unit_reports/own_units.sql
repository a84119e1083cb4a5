-- The units $unit_ids (a unit account's own), with their province and group.
SELECT u.unit_id, u.name, u.short_name, u.province, g.label AS group_label
FROM unit u JOIN unit_group g ON g.group_code = u.group_code
WHERE list_contains($unit_ids, u.unit_id)
ORDER BY u.name;
