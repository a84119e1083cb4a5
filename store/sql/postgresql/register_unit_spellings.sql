-- PostgreSQL: array_agg and '{}' for DuckDB's list() and [].
-- Units of one province with every spelling and their group (see ../register_unit_spellings.sql).
SELECT u.unit_id, u.name, u.short_name, u.group_code, u.level, u.parent_id,
       coalesce(array_agg(a.alias ORDER BY a.alias) FILTER (WHERE a.alias IS NOT NULL),
                '{}') AS spellings
FROM unit u
LEFT JOIN unit_alias a ON a.unit_id = u.unit_id
WHERE u.province = $province
GROUP BY u.unit_id, u.name, u.short_name, u.group_code, u.level, u.parent_id
ORDER BY u.name;
