-- Units of one province with every spelling and their group: what unit names are matched on.
-- One text for both backends: array_agg and CAST(ARRAY[] AS TEXT[]) are DuckDB's list()
-- and [] in PostgreSQL's spelling, and the GROUP BY names its columns (no GROUP BY ALL).
SELECT u.unit_id, u.name, u.short_name, u.group_code, u.level, u.parent_id,
       coalesce(array_agg(a.alias ORDER BY a.alias) FILTER (WHERE a.alias IS NOT NULL),
                CAST(ARRAY[] AS TEXT[])) AS spellings
FROM unit u
LEFT JOIN unit_alias a ON a.unit_id = u.unit_id
WHERE u.province = $province
GROUP BY u.unit_id, u.name, u.short_name, u.group_code, u.level, u.parent_id
ORDER BY u.name;
