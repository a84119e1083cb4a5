-- 009: the order units are listed in, once, as a view over the small unit table (both
-- backends; `vi` is DuckDB's ICU collation and PostgreSQL's from migration 000):
-- name_order by name in Vietnamese collation (Đ after D), then id; unit_order by group,
-- then name (units of one name in one group share it). The count and list queries
-- (sql/table_*.sql) join it to their few result rows or sort by its integers: collating the
-- name of each of a million obligation rows took seconds.
CREATE VIEW unit_order AS
SELECT u.unit_id, u.name AS unit, g.label AS group_label,
       row_number() OVER (ORDER BY u.name COLLATE vi, u.unit_id) AS name_order,
       dense_rank() OVER (ORDER BY g.sort_order, u.name COLLATE vi) AS unit_order
FROM unit u
JOIN unit_group g ON g.group_code = u.group_code;
