-- 007 on PostgreSQL: the review columns and rule of migrations/007_report_review.sql (read
-- its comments), and the status as of a date: DuckDB's table macro as an SQL function, one
-- SELECT the planner inlines into the calling query (filters reach the scans as with the
-- macro). Parameters keep the macro's names, so calls written `obligation_status($as_of,
-- soon_days := 3)` are the same on both backends. status_detail, 007's on DuckDB, is
-- PostgreSQL's own migration 008.

ALTER TABLE report ADD COLUMN review_state TEXT;
ALTER TABLE report ADD COLUMN review_reason TEXT;
ALTER TABLE report ADD COLUMN reviewed_by TEXT;
ALTER TABLE report ADD COLUMN reviewed_at TIMESTAMP;

INSERT INTO setting VALUES ('review_unit_uploads', 0);

CREATE FUNCTION report_counts(withdrawn_at timestamp, review_state text) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT withdrawn_at IS NULL AND coalesce(review_state, 'da_duyet') = 'da_duyet' $$;

CREATE FUNCTION obligation_status(as_of_date date, soon_days integer DEFAULT NULL)
RETURNS TABLE (
    plan_id integer, task_id integer, unit_id integer, period text, period_start date,
    due_on date, report_id integer, file_name text, reported_on date, progress text,
    result_text text, note text, completed_on date, status text, reported boolean,
    days_late integer
)
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
WITH latest AS (
    SELECT rr.task_id, rr.unit_id, rr.period, rr.progress, rr.completed_on,
           rr.result_text, rr.note, r.report_id, r.file_name, r.reported_on
    FROM report_row rr
    JOIN report r ON r.report_id = rr.report_id
    WHERE report_counts(r.withdrawn_at, r.review_state) AND r.reported_on <= as_of_date
      AND (rr.superseded_on IS NULL OR rr.superseded_on > as_of_date)
),
joined AS (
    SELECT o.plan_id, o.task_id, o.unit_id, o.period, o.period_start, o.due_on,
           l.report_id, l.file_name, l.reported_on, l.progress, l.result_text, l.note,
           CASE WHEN l.progress = 'done'
                 AND coalesce(l.completed_on, l.reported_on) <= as_of_date
                THEN coalesce(l.completed_on, l.reported_on) END AS completed_on
    FROM obligation o
    LEFT JOIN latest l
      ON l.task_id = o.task_id AND l.unit_id = o.unit_id AND l.period = o.period
    WHERE o.period = '' OR o.period_start IS NULL OR o.period_start <= as_of_date
)
SELECT j.*,
    status_code(j.completed_on, j.due_on, j.report_id IS NOT NULL, as_of_date,
                coalesce(soon_days, (SELECT value FROM setting WHERE name = 'due_soon_days')))
        AS status,
    j.report_id IS NOT NULL AS reported,
    CASE WHEN j.completed_on IS NULL AND j.due_on < as_of_date
         THEN as_of_date - j.due_on END AS days_late
FROM joined j
$$;
