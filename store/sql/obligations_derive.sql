-- Derive the obligations of one plan: one per (task, unit) for a one-off task, one per
-- (task, unit, period) for a recurring one. A "continuous" task reports on the plan's own
-- cycle; periods run from the one holding the plan's date to the plan's tracked_until.
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
               WHEN 'half_yearly' THEN make_date(year(issued_on),
                                                 CASE WHEN month(issued_on) <= 6 THEN 1 ELSE 7 END, 1)
               ELSE date_trunc('year', issued_on)
           END AS first_start
    FROM recurring
),
periods AS (
    SELECT s.plan_id, s.task_id, s.cycle, r.period_start::DATE AS period_start,
           (r.period_start + to_months(s.months) - INTERVAL 1 DAY)::DATE AS due_on
    FROM stepped s,
         LATERAL (SELECT unnest(range(s.first_start::TIMESTAMP,
                                      (s.tracked_until + 1)::TIMESTAMP,
                                      to_months(s.months))) AS period_start) r
)
SELECT t.plan_id, t.task_id, a.unit_id, '' AS period, t.start_on, t.due_on
FROM task t JOIN assignment a ON a.task_id = t.task_id
WHERE t.plan_id = $plan_id AND t.recurrence IS NULL
UNION ALL
SELECT p.plan_id, p.task_id, a.unit_id,
       CASE p.cycle
           WHEN 'monthly' THEN strftime(p.period_start, '%Y-%m')
           WHEN 'quarterly' THEN year(p.period_start) || '-Q' || quarter(p.period_start)
           WHEN 'half_yearly' THEN year(p.period_start) || '-H'
                                   || CASE WHEN month(p.period_start) <= 6 THEN 1 ELSE 2 END
           ELSE CAST(year(p.period_start) AS TEXT)
       END,
       p.period_start, p.due_on
FROM periods p JOIN assignment a ON a.task_id = p.task_id;
