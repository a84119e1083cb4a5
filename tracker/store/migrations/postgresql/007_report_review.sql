-- 007 on PostgreSQL: the review columns and rule of migrations/007_report_review.sql (read
-- its comments), and the status as of a date: DuckDB's table macros as SQL functions, each
-- one SELECT the planner inlines into the calling query (filters reach the scans as with
-- the macros). Parameters keep the macros' names, so calls written `status_detail($as_of,
-- plan_code := $plan)` are the same on both backends.

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

CREATE FUNCTION status_detail(as_of_date date, plan_code text DEFAULT NULL,
                              group_codes text[] DEFAULT NULL,
                              status_codes text[] DEFAULT NULL,
                              soon_days integer DEFAULT NULL)
RETURNS TABLE (
    plan text, plan_title text, directive text, plan_id integer, task_id integer,
    unit_id integer, unit text, unit_short text, group_code text, group_label text,
    group_order integer, task_code text, section text, section_title text, task text,
    deadline_text text, task_order integer, recurrence text, period text,
    period_start date, due_on date, completed_on date, status text, reported boolean,
    days_late integer, report_id integer, file_name text, reported_on date, progress text,
    result_text text, note text
)
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
SELECT p.code, p.title, d.code,
       s.plan_id, s.task_id, s.unit_id,
       u.name, u.short_name, u.group_code, g.label, g.sort_order,
       t.code, t.section, t.section_title, t.title, t.deadline_text,
       t.sort_order, t.recurrence,
       s.period, s.period_start, s.due_on, s.completed_on, s.status, s.reported, s.days_late,
       s.report_id, s.file_name, s.reported_on, s.progress, s.result_text, s.note
FROM obligation_status(as_of_date, soon_days => soon_days) s
JOIN plan p ON p.plan_id = s.plan_id
LEFT JOIN directive d ON d.directive_id = p.directive_id
JOIN unit u ON u.unit_id = s.unit_id
JOIN unit_group g ON g.group_code = u.group_code
JOIN task t ON t.task_id = s.task_id
WHERE (p.code = plan_code OR (plan_code IS NULL AND NOT p.archived))
  AND (group_codes IS NULL OR u.group_code = ANY(group_codes))
  AND (status_codes IS NULL OR s.status = ANY(status_codes))
$$;
