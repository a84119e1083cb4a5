-- compare_series.sql on PostgreSQL (read ../compare_series.sql for the rules): the steps
-- of the series from generate_series, months closed by hand, groups by position. `ob` is
-- not materialised (PostgreSQL would store its million rows, on disk past work_mem, for its
-- two readers; scanning obligation twice is cheaper), and the group filter is a semi-join
-- that disappears when $groups is NULL (values are bound as literals, so the planner folds
-- the test): no join of every obligation to unit for nothing.
WITH chosen AS (
    SELECT plan_id, code, title, province, issued_on
    FROM plan WHERE list_contains($plans, code)
),
points AS (
    SELECT DISTINCT day
    FROM (
        SELECT CASE WHEN $step = 'month'
                    THEN date_trunc('month', g) + INTERVAL '1 month' - INTERVAL '1 day'
                    ELSE g END::DATE AS day
        FROM (
            SELECT generate_series(
                CASE WHEN $step = 'month' THEN date_trunc('month', min(issued_on))
                     ELSE min(issued_on) END::TIMESTAMP,
                $as_of::TIMESTAMP,
                CASE WHEN $step = 'month' THEN INTERVAL '1 month' ELSE INTERVAL '7 days' END)
                AS g
            FROM chosen
        ) steps
        UNION ALL SELECT $as_of::DATE
    ) days
    WHERE day <= $as_of::DATE
),
plan_points AS (  -- every plan's line starts on its own date
    SELECT c.plan_id, p.day FROM chosen c JOIN points p ON p.day > c.issued_on
    UNION ALL
    SELECT plan_id, issued_on FROM chosen WHERE issued_on <= $as_of::DATE
),
ob AS NOT MATERIALIZED (  -- read by done and totals: each scans the table again
    SELECT o.plan_id, o.task_id, o.unit_id, o.period, o.due_on,
           CASE WHEN o.period <> '' THEN o.period_start END AS counts_from
    FROM obligation o
    WHERE o.plan_id IN (SELECT plan_id FROM chosen)
      AND ($groups IS NULL
           OR o.unit_id IN (SELECT unit_id FROM unit WHERE list_contains($groups, group_code)))
),
rows AS (
    SELECT rr.task_id, rr.unit_id, rr.period, rr.progress,
           coalesce(rr.completed_on, r.reported_on) AS completed,
           r.reported_on, rr.superseded_on
    FROM report_row rr
    JOIN report r ON r.report_id = rr.report_id
    WHERE report_counts(r.withdrawn_at, r.review_state)
      AND r.plan_id IN (SELECT plan_id FROM chosen)
),
done AS (
    SELECT ob.plan_id, ob.due_on,
           greatest(h.reported_on, h.completed, coalesce(ob.counts_from, h.reported_on))
               AS done_from,
           h.superseded_on AS done_until,
           counts_on_time(h.completed, ob.due_on)::INTEGER AS on_time,
           count(*) AS n
    FROM rows h
    JOIN ob ON ob.task_id = h.task_id AND ob.unit_id = h.unit_id AND ob.period = h.period
    WHERE h.progress = 'done'
    GROUP BY 1, 2, 3, 4, 5
),
totals AS (
    SELECT plan_id, coalesce(counts_from, DATE '1900-01-01') AS counts_from, due_on,
           count(*) AS n
    FROM ob GROUP BY 1, 2, 3
),
events AS (  -- (plan, day, obligations, past due, done, done on time, done and past due)
    SELECT plan_id, counts_from AS day, n AS d_all,
           0 AS d_due, 0 AS d_done, 0 AS d_on_time, 0 AS d_done_due
    FROM totals
    UNION ALL
    SELECT plan_id, greatest(counts_from, overdue_from(due_on)), 0, n, 0, 0, 0
    FROM totals WHERE due_on IS NOT NULL
    UNION ALL
    SELECT plan_id, done_from, 0, 0, n, n * on_time, 0
    FROM done WHERE done_until IS NULL OR done_from < done_until
    UNION ALL
    SELECT plan_id, done_until, 0, 0, -n, -n * on_time, 0
    FROM done WHERE done_from < done_until
    UNION ALL
    SELECT plan_id, greatest(done_from, overdue_from(due_on)), 0, 0, 0, 0, n
    FROM done
    WHERE due_on IS NOT NULL
      AND (done_until IS NULL OR greatest(done_from, overdue_from(due_on)) < done_until)
    UNION ALL
    SELECT plan_id, done_until, 0, 0, 0, 0, -n
    FROM done
    WHERE due_on IS NOT NULL AND greatest(done_from, overdue_from(due_on)) < done_until
),
daily AS (
    SELECT plan_id, day, sum(d_all) AS d_all, sum(d_due) AS d_due, sum(d_done) AS d_done,
           sum(d_on_time) AS d_on_time, sum(d_done_due) AS d_done_due
    FROM events GROUP BY 1, 2
),
series AS (
    SELECT p.plan_id, p.day,
           sum(e.d_all) AS obligations, sum(e.d_done) AS done,
           sum(e.d_on_time) AS done_on_time, sum(e.d_due) - sum(e.d_done_due) AS overdue
    FROM plan_points p
    JOIN daily e ON e.plan_id = p.plan_id AND e.day <= p.day
    GROUP BY 1, 2
)
SELECT c.code AS plan, c.title AS plan_title, c.province, c.issued_on, s.day,
       s.obligations::BIGINT AS obligations, s.done::BIGINT AS done,
       s.done_on_time::BIGINT AS done_on_time, s.overdue::BIGINT AS overdue
FROM series s
JOIN chosen c ON c.plan_id = s.plan_id
WHERE s.obligations > 0
ORDER BY c.issued_on, c.code, s.day;
