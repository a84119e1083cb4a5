-- Every unit of the plan's province with all its spellings: reports name units this way.
SELECT u.unit_id, u.name, u.short_name,
       array_agg(a.alias ORDER BY a.alias) FILTER (WHERE a.alias IS NOT NULL) AS aliases
FROM unit u
LEFT JOIN unit_alias a ON a.unit_id = u.unit_id
WHERE u.province = $province
GROUP BY u.unit_id, u.name, u.short_name
ORDER BY u.unit_id;
