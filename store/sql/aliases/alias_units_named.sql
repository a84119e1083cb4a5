-- Units whose any spelling folds to $key, in $province when given.
SELECT DISTINCT u.unit_id, u.name, u.province
FROM unit u
LEFT JOIN unit_alias a ON a.unit_id = u.unit_id
WHERE ($province IS NULL OR u.province = $province)
  AND (a.alias_key = $key OR u.unit_id IN (
       SELECT target_id FROM name_alias WHERE kind = 'unit' AND alias_key = $key))
ORDER BY u.unit_id;
