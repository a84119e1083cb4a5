-- Derive the obligations of one plan: one per (task, unit) for a one-off task, one per
-- (task, unit, period) for a recurring one. A "continuous" task reports on the plan's own
-- cycle; periods run from the one holding the plan's date to the plan's tracked_until.
-- One text for both backends: generate_series over timestamps (the last microsecond of
-- tracked_until ends it), and labels built from extract, which both spell alike.
INSERT INTO obligation (plan_id, task_id, unit_id, period, period_start, due_on)
WITH recurring AS (
    SELECT t.plan_id, t.task_id, p.issued_on, p.tracked_until,
           CASE WHEN t.recurrence = 'continuous' THEN p.report_cycle ELSE t.recurrence END
               AS cycle
    FROM task t JOIN plan p ON p.plan_id = t.plan_id
    WHERE t.plan_id = $plan_id AND t.recurrence IS NOT NULL
),
stepped AS (
    SELECT *,
           INTERVAL '1 month' * CASE cycle WHEN 'monthly' THEN 1 WHEN 'quarterly' THEN 3
                                           WHEN 'half_yearly' THEN 6 ELSE 12 END AS step,
           CAST(CASE cycle
               WHEN 'monthly' THEN date_trunc('month', issued_on)
               WHEN 'quarterly' THEN date_trunc('quarter', issued_on)
               WHEN 'half_yearly' THEN make_date(CAST(extract(year FROM issued_on) AS INTEGER),
                   CASE WHEN extract(month FROM issued_on) <= 6 THEN 1 ELSE 7 END, 1)
               ELSE date_trunc('year', issued_on)
           END AS TIMESTAMP) AS first_start
    FROM recurring
),
periods AS (
    SELECT s.plan_id, s.task_id, s.cycle, CAST(g.period_start AS DATE) AS period_start,
           CAST(g.period_start + s.step - INTERVAL '1 day' AS DATE) AS due_on
    FROM stepped s,
         LATERAL generate_series(s.first_start,
                                 CAST(s.tracked_until + 1 AS TIMESTAMP) - INTERVAL '1 microsecond',
                                 s.step) AS g(period_start)
),
labelled AS (
    SELECT *, CAST(CAST(extract(year FROM period_start) AS INTEGER) AS TEXT) AS year,
           CAST(extract(quarter FROM period_start) AS INTEGER) AS quarter,
           CAST(extract(month FROM period_start) AS INTEGER) AS month
    FROM periods
)
SELECT t.plan_id, t.task_id, a.unit_id, '' AS period, t.start_on, t.due_on
FROM task t JOIN assignment a ON a.task_id = t.task_id
WHERE t.plan_id = $plan_id AND t.recurrence IS NULL
UNION ALL
SELECT p.plan_id, p.task_id, a.unit_id,
       CASE p.cycle
           WHEN 'monthly' THEN p.year || '-' || lpad(CAST(p.month AS TEXT), 2, '0')
           WHEN 'quarterly' THEN p.year || '-Q' || CAST(p.quarter AS TEXT)
           WHEN 'half_yearly' THEN p.year || CASE WHEN p.month <= 6 THEN '-H1' ELSE '-H2' END
           ELSE p.year
       END,
       p.period_start, p.due_on
FROM labelled p JOIN assignment a ON a.task_id = p.task_id;
