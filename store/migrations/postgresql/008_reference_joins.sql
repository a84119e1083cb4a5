-- 008, PostgreSQL's own (DuckDB has no 008): status_detail, moved here from 007, joins the
-- plan, unit, unit group and task of each obligation with LEFT JOIN, and statistics on
-- the test of report_counts.
--
-- LEFT JOIN gives the same rows as 007's inner joins: every obligation has them
-- (obligations are derived from a plan's assignments in the transaction that writes its
-- tasks, a unit is deleted only without assignments, a unit of an unknown group is
-- refused), and the plan filter keeps the obligations of a plan only. What changes is the
-- plan: PostgreSQL leaves out a LEFT JOIN on a unique key whose columns the calling query
-- never reads (an inner join it never leaves out), so a count by ids no longer joins
-- every status row to tables it takes nothing from. DuckDB keeps its inner joins
-- (migration 007): it does not leave LEFT JOINs out, and they cost it more.
--
-- The planner guessed that `coalesce(review_state, 'da_duyet') = 'da_duyet'` keeps 0.5% of
-- reports (102 of 20,418 in the bench) when it keeps nearly all, and planned the joins and
-- aggregates after it for a few thousand rows instead of a million (the comparison series
-- sorted 741k rows on disk for an aggregate it thought small). ANALYZE fills the
-- statistics now; after_bulk_load.sql keeps them.
CREATE STATISTICS report_counted ON (coalesce(review_state, 'da_duyet')) FROM report;
ANALYZE report;

CREATE OR REPLACE FUNCTION status_detail(as_of_date date, plan_code text DEFAULT NULL,
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
LEFT JOIN plan p ON p.plan_id = s.plan_id
LEFT JOIN directive d ON d.directive_id = p.directive_id
LEFT JOIN unit u ON u.unit_id = s.unit_id
LEFT JOIN unit_group g ON g.group_code = u.group_code
LEFT JOIN task t ON t.task_id = s.task_id
WHERE (p.code = plan_code OR (plan_code IS NULL AND NOT p.archived))
  AND (group_codes IS NULL OR u.group_code = ANY(group_codes))
  AND (status_codes IS NULL OR s.status = ANY(status_codes))
$$;
