-- Completion and on-time rates of several plans at a series of as-of dates, in one query.
-- The rules are obligation_status's (migration 004; the on-time rule is the shared
-- macro counts_on_time), evaluated for every date at once:
-- a report row is in force from its report date until the next report row for the same
-- obligation ("superseded"); a "done" row counts as completed from the latest of its
-- report date, its completion date and its period's start, until it is superseded.
-- Each obligation and each done row becomes +1/-1 events on dates; a point's figures are
-- the sums of the events up to it. When a row is superseded comes from
-- report_row.superseded_on, kept at write time (store.reports.supersede).
-- $plans: plan codes; $as_of: the last point; $step: 'week' | 'month'; $groups: NULL = all.
--
-- One text for DuckDB and PostgreSQL: the steps come from generate_series as a table
-- (LATERAL), a month's last day is its first plus a month less a day, groups are by
-- position. `ob` is not materialised (PostgreSQL would store its million rows, on disk past
-- work_mem, for its two readers; scanning obligation twice is cheaper), and the group
-- filter is a semi-join that disappears when $groups is NULL (PostgreSQL gets values bound
-- as literals, so its planner folds the test): no join of every obligation to unit for
-- nothing.
WITH chosen AS (
    SELECT plan_id, code, title, province, issued_on
    FROM plan WHERE list_contains($plans, code)
),
points AS (
    SELECT DISTINCT day
    FROM (
        SELECT CAST(CASE WHEN $step = 'month'
                         THEN date_trunc('month', g) + INTERVAL '1 month' - INTERVAL '1 day'
                         ELSE g END AS DATE) AS day
        FROM (
            SELECT CAST(CASE WHEN $step = 'month' THEN date_trunc('month', min(issued_on))
                             ELSE min(issued_on) END AS TIMESTAMP) AS first_step
            FROM chosen
        ) bounds,
        LATERAL generate_series(
            bounds.first_step, CAST($as_of AS TIMESTAMP),
            CASE WHEN $step = 'month' THEN INTERVAL '1 month' ELSE INTERVAL '7 days' END
        ) AS steps(g)
        UNION ALL SELECT CAST($as_of AS DATE)
    ) days
    WHERE day <= CAST($as_of AS DATE)
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
