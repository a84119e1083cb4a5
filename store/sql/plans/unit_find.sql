-- Units of a province whose any spelling folds to $key.
SELECT DISTINCT u.unit_id, u.name
FROM unit_alias a JOIN unit u ON u.unit_id = a.unit_id
WHERE u.province = $province AND a.alias_key = $key;
