-- Other units of the province already written this way (a spelling must name one unit).
SELECT u.unit_id, u.name
FROM unit_alias a JOIN unit u ON u.unit_id = a.unit_id
WHERE u.province = $province AND a.alias_key = $key AND u.unit_id <> $unit_id;
