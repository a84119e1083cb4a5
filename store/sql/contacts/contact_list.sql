-- Every unit (of $province, or all when NULL; unit id $unit alone unless NULL) with its
-- contact: e-mails, head, address (empty texts where none was set), in unit_order (group,
-- then name in Vietnamese collation).
SELECT u.unit_id, u.province, u.name, u.short_name,
       coalesce(c.emails, '') AS emails, coalesce(c.head, '') AS head,
       coalesce(c.address, '') AS address
FROM unit u
JOIN unit_order n ON n.unit_id = u.unit_id
LEFT JOIN unit_contact c ON c.unit_id = u.unit_id
WHERE ($province IS NULL OR u.province = $province) AND ($unit IS NULL OR u.unit_id = $unit)
ORDER BY u.province, n.unit_order, u.unit_id;
