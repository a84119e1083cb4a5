-- The unit x task heatmap, one page of units at a time.
--
-- One cell per (unit, task): a one-off task's only obligation, or for a recurring task the
-- latest period started on or before $period_at (the as-of date unless the user picks an
-- earlier period). Periods belong to the task, so the latest one is found once per task in
-- the obligation table (cheaper than ranking a million cells). The period is chosen
-- *before* the status filter, so filtering on "overdue" never brings back an older period
-- to fill the cell.
--
-- Units are ranked in SQL ($sort: rate_asc | rate_desc | name | group) and only the units
-- at positions [$offset, $offset + $limit) are returned, as kind = 'cell' rows, each
-- carrying the unit's rate, position and the total unit_count for the pager. Rows of
-- kind = 'column' list every task that has a cell on any page, so columns stay the same
-- from page to page. The million-row part carries ids, dates and codes only (it is
-- materialised once, read three times); names and report files are joined for the page's
-- few rows at the end.
--
-- One text for DuckDB and PostgreSQL: the two kinds of rows are united by position, the
-- column rows carrying typed NULLs for the cell's columns; the rate is divided as a float
-- (PostgreSQL's integer division would truncate it to 0 or 1).
WITH latest_period AS (
    SELECT task_id, max(period_start) AS period_start
    FROM obligation
    WHERE period <> '' AND period_start <= least($period_at, $as_of)
    GROUP BY task_id
),
cells AS MATERIALIZED (
    SELECT s.unit_id, s.task_id, s.period, s.due_on, s.completed_on, s.status, s.report_id
    FROM status_detail($as_of, plan_code := $plan, group_codes := $groups) s
    LEFT JOIN latest_period l ON l.task_id = s.task_id
    WHERE (s.period = '' OR s.period_start = l.period_start)
      AND ($statuses IS NULL OR list_contains($statuses, s.status))
),
units AS (
    SELECT unit_id,
           CAST(count(*) FILTER (WHERE completed_on IS NOT NULL) AS DOUBLE PRECISION) / count(*)
               AS rate
    FROM cells
    GROUP BY unit_id
),
ranked AS (
    SELECT r.unit_id, r.rate, u.name AS unit, u.short_name AS unit_short,
           u.province, g.label AS group_label,
           row_number() OVER (ORDER BY
               CASE WHEN $sort = 'rate_asc' THEN r.rate END ASC,
               CASE WHEN $sort = 'rate_desc' THEN r.rate END DESC,
               CASE WHEN $sort IN ('group', 'rate_asc', 'rate_desc') THEN g.sort_order END,
               u.name COLLATE vi, u.unit_id) - 1 AS position,
           count(*) OVER () AS unit_count
    FROM units r
    JOIN unit u ON u.unit_id = r.unit_id
    JOIN unit_group g ON g.group_code = u.group_code
),
columns AS (
    SELECT DISTINCT task_id FROM cells
)
SELECT 'column' AS kind, p.code AS plan, t.task_id, t.code AS task_code, t.title AS task,
       t.section, t.section_title, t.deadline_text, t.sort_order AS task_order,
       NULL::bigint AS position, NULL::bigint AS unit_count, NULL::float8 AS rate,
       NULL::integer AS unit_id, NULL AS unit, NULL AS unit_short, NULL AS province,
       NULL AS group_label, NULL AS period, NULL::date AS due_on, NULL::date AS completed_on,
       NULL AS status, NULL AS file_name, NULL::date AS reported_on
FROM columns c
JOIN task t ON t.task_id = c.task_id
JOIN plan p ON p.plan_id = t.plan_id
UNION ALL
SELECT 'cell', p.code, t.task_id, t.code, t.title, NULL, NULL, t.deadline_text,
       t.sort_order, r.position, r.unit_count, r.rate, r.unit_id, r.unit, r.unit_short,
       r.province, r.group_label, c.period, c.due_on, c.completed_on, c.status,
       rp.file_name, rp.reported_on
FROM cells c
JOIN ranked r ON r.unit_id = c.unit_id
JOIN task t ON t.task_id = c.task_id
JOIN plan p ON p.plan_id = t.plan_id
LEFT JOIN report rp ON rp.report_id = c.report_id
WHERE r.position >= $offset AND r.position < $offset + $limit
ORDER BY kind, position NULLS FIRST, plan, task_order;
