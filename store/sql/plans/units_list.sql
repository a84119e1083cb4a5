SELECT u.unit_id, u.province, u.name, u.short_name, u.group_code, g.label AS group_label,
       u.level, parent.name AS parent,
       (SELECT string_agg(a.alias, '; ' ORDER BY a.alias) FROM unit_alias a
         WHERE a.unit_id = u.unit_id AND a.alias <> u.name AND a.alias <> u.short_name) AS aliases
FROM unit u
JOIN unit_group g ON g.group_code = u.group_code
LEFT JOIN unit parent ON parent.unit_id = u.parent_id
WHERE $province IS NULL OR u.province = $province
ORDER BY g.sort_order, u.name;
