-- The unit group x task group (plan section) heatmap: obligation counts per status, long
-- format (tracker.views.heatmap pivots them in the vocabulary's order). Cells are chosen as in
-- heatmap_cells.sql: one per (unit, task), a recurring task's latest period started on or
-- before $period_at, the status filter applied after the choice.
WITH latest_period AS (
    SELECT task_id, max(period_start) AS period_start
    FROM obligation
    WHERE period <> '' AND period_start <= least($period_at, $as_of)
    GROUP BY task_id
),
counted AS (
    SELECT s.group_code, s.plan_id, s.section_title, s.status,
           min(s.task_order) AS section_order, count(*) AS obligations,
           count(DISTINCT s.unit_id) AS units, count(DISTINCT s.task_id) AS tasks
    FROM status_detail($as_of, plan_code := $plan, group_codes := $groups) s
    LEFT JOIN latest_period l ON l.task_id = s.task_id
    WHERE (s.period = '' OR s.period_start = l.period_start)
      AND ($statuses IS NULL OR list_contains($statuses, s.status))
    GROUP BY s.group_code, s.plan_id, s.section_title, s.status
)
SELECT c.group_code, g.label AS group_label, g.sort_order AS group_order, p.code AS plan,
       c.section_title, c.section_order, c.status, c.obligations, c.units, c.tasks
FROM counted c
JOIN unit_group g ON g.group_code = c.group_code
JOIN plan p ON p.plan_id = c.plan_id
ORDER BY group_order, plan, section_order, status;
