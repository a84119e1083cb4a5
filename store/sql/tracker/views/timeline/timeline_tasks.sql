-- The deadline timeline: one row per (task, period, status) with its obligation count, so
-- the page gets a few hundred rows whatever the number of units. The million-row part
-- groups ids only; names are joined to the small result. Long format keeps the status
-- vocabulary out of this file (tracker.views.timeline pivots it in the order of domain.status).
-- A task without a start (a limit: "trước ngày 30/6/2019") gets the plan's date as its
-- start, flagged by start_inferred.
-- The filters of status_detail (plan, or every plan not archived; unit groups; statuses),
-- written as semi-joins on obligation_status: status_detail joins every obligation to its
-- unit, group, task and plan, which a count by ids does not read (on DuckDB 1.4x the bare
-- status query in CPU, against 1.1x this way; the same rows).
WITH counted AS (
    SELECT task_id, period, status, min(period_start) AS period_start, max(due_on) AS due_on,
           count(*) AS obligations, count(*) FILTER (WHERE reported) AS reported
    FROM obligation_status($as_of) s
    WHERE s.plan_id IN (SELECT plan_id FROM plan
                        WHERE code = $plan OR ($plan IS NULL AND NOT archived))
      AND ($groups IS NULL
           OR s.unit_id IN (SELECT unit_id FROM unit WHERE list_contains($groups, group_code)))
      AND ($statuses IS NULL OR list_contains($statuses, s.status))
    GROUP BY task_id, period, status
)
SELECT p.code AS plan, p.plan_id, p.issued_on AS plan_date, t.section, t.section_title,
       t.task_id, t.code AS task_code, t.title AS task, t.deadline_text, t.recurrence,
       t.sort_order AS task_order, c.period,
       coalesce(c.period_start, p.issued_on) AS start_on,
       c.period_start IS NULL AS start_inferred,
       c.due_on, c.status, c.obligations, c.reported
FROM counted c
JOIN task t ON t.task_id = c.task_id
JOIN plan p ON p.plan_id = t.plan_id
ORDER BY plan, task_order, c.period_start NULLS FIRST, c.period, c.status;
