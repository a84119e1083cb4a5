-- Remembered names of the province's units: (unit_id, alias).
SELECT a.target_id, a.alias
FROM name_alias a JOIN unit u ON u.unit_id = a.target_id
WHERE a.kind = 'unit' AND u.province = $province
ORDER BY a.alias_id;
