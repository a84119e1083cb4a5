-- 008: status_detail, obligation_status (migration 007) joined to everything a page or an
-- export shows, with the common filters: plan code, unit groups and statuses (NULL means
-- "all"). Moved here from 007 (a database made before this migration has 007's, which this
-- replaces), with the plan, unit, unit group and task joined by LEFT JOIN.
--
-- The rows are the same as with inner joins: every obligation has them (obligations are
-- derived from a plan's assignments in the transaction that writes its tasks, a unit is
-- deleted only without assignments, a unit of an unknown group is refused), and the plan
-- filter keeps the obligations of a plan only. What changes is PostgreSQL's plan: it leaves
-- out a LEFT JOIN on a unique key whose columns the calling query never reads (an inner
-- join it never leaves out), so per-unit or per-task counts no longer join a million status
-- rows to tables they take nothing from (postgresql/008_reference_joins.sql).

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
LEFT JOIN plan p ON p.plan_id = s.plan_id
LEFT JOIN directive d ON d.directive_id = p.directive_id
LEFT JOIN unit u ON u.unit_id = s.unit_id
LEFT JOIN unit_group g ON g.group_code = u.group_code
LEFT JOIN task t ON t.task_id = s.task_id
WHERE (p.code = plan_code OR (plan_code IS NULL AND NOT p.archived))
  AND (group_codes IS NULL OR list_contains(group_codes, u.group_code))
  AND (status_codes IS NULL OR list_contains(status_codes, s.status));
