-- Derive the obligations of one plan (see ../obligations_derive.sql for the rules): the
-- periods are PostgreSQL's generate_series over months, labelled with to_char.
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
           CASE cycle WHEN 'monthly' THEN 1 WHEN 'quarterly' THEN 3
                      WHEN 'half_yearly' THEN 6 ELSE 12 END AS months,
           CASE cycle
               WHEN 'monthly' THEN date_trunc('month', issued_on)
               WHEN 'quarterly' THEN date_trunc('quarter', issued_on)
               WHEN 'half_yearly' THEN make_date(extract(year FROM issued_on)::int,
                   CASE WHEN extract(month FROM issued_on) <= 6 THEN 1 ELSE 7 END, 1)
               ELSE date_trunc('year', issued_on)
           END::timestamp AS first_start
    FROM recurring
),
periods AS (
    SELECT s.plan_id, s.task_id, s.cycle, g::date AS period_start,
           (g + make_interval(months => s.months) - INTERVAL '1 day')::date AS due_on
    FROM stepped s,
         LATERAL generate_series(s.first_start, (s.tracked_until + 1)::timestamp
                                 - INTERVAL '1 microsecond',
                                 make_interval(months => s.months)) g
)
SELECT t.plan_id, t.task_id, a.unit_id, '' AS period, t.start_on, t.due_on
FROM task t JOIN assignment a ON a.task_id = t.task_id
WHERE t.plan_id = $plan_id AND t.recurrence IS NULL
UNION ALL
SELECT p.plan_id, p.task_id, a.unit_id,
       CASE p.cycle
           WHEN 'monthly' THEN to_char(p.period_start, 'YYYY-MM')
           WHEN 'quarterly' THEN to_char(p.period_start, 'YYYY') || '-Q'
                                 || to_char(p.period_start, 'Q')
           WHEN 'half_yearly' THEN to_char(p.period_start, 'YYYY') || '-H'
                                   || CASE WHEN extract(month FROM p.period_start) <= 6
                                           THEN 1 ELSE 2 END
           ELSE to_char(p.period_start, 'YYYY')
       END,
       p.period_start, p.due_on
FROM periods p JOIN assignment a ON a.task_id = p.task_id;
