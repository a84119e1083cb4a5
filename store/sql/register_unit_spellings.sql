-- Units of one province with every spelling and their group: what unit names are matched on.
SELECT u.unit_id, u.name, u.short_name, u.group_code, u.level, u.parent_id,
       coalesce(list(a.alias ORDER BY a.alias) FILTER (WHERE a.alias IS NOT NULL), []) AS spellings
FROM unit u
LEFT JOIN unit_alias a ON a.unit_id = u.unit_id
WHERE u.province = $province
GROUP BY ALL
ORDER BY u.name;
