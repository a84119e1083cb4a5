-- 007: a unit's upload can wait for a staff member's confirmation before it counts.
--
-- `review_state` of a report: NULL when no review was asked (staff uploads, or review off:
-- it counts), 'cho_duyet' while it waits, 'da_duyet' once a cán bộ approved it, 'tra_lai'
-- when returned (with `review_reason`). Only NULL and 'da_duyet' count: `report_counts` is
-- that rule, read by obligation_status below, by supersede (report_rows_supersede_prepare),
-- the comparison series and the default as-of date.
-- The setting row 'review_unit_uploads' (0 or 1, off by default) makes every unit
-- account's upload wait (tracker.usecases.review).
-- obligation_status and status_detail moved here from migration 004; the withdrawn test of
-- obligation_status is report_counts now.

ALTER TABLE report ADD COLUMN review_state TEXT;
ALTER TABLE report ADD COLUMN review_reason TEXT;
ALTER TABLE report ADD COLUMN reviewed_by TEXT;
ALTER TABLE report ADD COLUMN reviewed_at TIMESTAMP;

INSERT INTO setting VALUES ('review_unit_uploads', 0);

CREATE MACRO report_counts(withdrawn_at, review_state) AS
    withdrawn_at IS NULL AND coalesce(review_state, 'da_duyet') = 'da_duyet';

-- One row per obligation that exists as of `as_of_date`: one-off obligations always, a
-- recurring task's period once it has started. The latest report dated on or before the
-- date wins (history is kept; a report that does not count, see report_counts, is left
-- out): a row counts when it is dated by then and not yet superseded by then
-- (report_row.superseded_on). Ranking the rows with a window here instead took 0.76 s
-- against 0.14 s on 1M obligations. A "done" row counts as completed only when its
-- completion date is on or before the as-of date.
CREATE OR REPLACE MACRO obligation_status(as_of_date, soon_days := NULL) AS TABLE
WITH latest AS (
    SELECT rr.task_id, rr.unit_id, rr.period, rr.progress, rr.completed_on,
           rr.result_text, rr.note, r.report_id, r.file_name, r.reported_on
    FROM report_row rr
    JOIN report r ON r.report_id = rr.report_id
    WHERE report_counts(r.withdrawn_at, r.review_state) AND r.reported_on <= as_of_date::DATE
      AND (rr.superseded_on IS NULL OR rr.superseded_on > as_of_date::DATE)
),
joined AS (
    SELECT o.*, l.report_id, l.file_name, l.reported_on, l.progress, l.result_text, l.note,
           CASE WHEN l.progress = 'done'
                 AND coalesce(l.completed_on, l.reported_on) <= as_of_date::DATE
                THEN coalesce(l.completed_on, l.reported_on) END AS completed_on
    FROM obligation o
    LEFT JOIN latest l
      ON l.task_id = o.task_id AND l.unit_id = o.unit_id AND l.period = o.period
    WHERE o.period = '' OR o.period_start IS NULL OR o.period_start <= as_of_date::DATE
)
SELECT *,
    status_code(completed_on, due_on, report_id IS NOT NULL, as_of_date::DATE,
                coalesce(soon_days, (SELECT value FROM setting WHERE name = 'due_soon_days')))
        AS status,
    report_id IS NOT NULL AS reported,
    CASE WHEN completed_on IS NULL AND due_on < as_of_date::DATE
         THEN date_diff('day', due_on, as_of_date::DATE) END AS days_late
FROM joined;

-- obligation_status joined to everything a page or an export shows, with the common
-- filters: plan code, unit groups and statuses (NULL means "all").
CREATE OR REPLACE MACRO status_detail(as_of_date, plan_code := NULL, group_codes := NULL,
                                      status_codes := NULL, soon_days := NULL) AS TABLE
SELECT p.code AS plan, p.title AS plan_title, d.code AS directive,
       s.plan_id, s.task_id, s.unit_id,
       u.name AS unit, u.short_name AS unit_short, u.group_code, g.label AS group_label,
       g.sort_order AS group_order,
       t.code AS task_code, t.section, t.section_title, t.title AS task, t.deadline_text,
       t.sort_order AS task_order, t.recurrence,
       s.period, s.period_start, s.due_on, s.completed_on, s.status, s.reported, s.days_late,
       s.report_id, s.file_name, s.reported_on, s.progress, s.result_text, s.note
FROM obligation_status(as_of_date, soon_days := soon_days) s
JOIN plan p ON p.plan_id = s.plan_id
LEFT JOIN directive d ON d.directive_id = p.directive_id
JOIN unit u ON u.unit_id = s.unit_id
JOIN unit_group g ON g.group_code = u.group_code
JOIN task t ON t.task_id = s.task_id
WHERE (p.code = plan_code OR (plan_code IS NULL AND NOT p.archived))
  AND (group_codes IS NULL OR list_contains(group_codes, u.group_code))
  AND (status_codes IS NULL OR list_contains(status_codes, s.status));
