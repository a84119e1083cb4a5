-- 004: the status rules in one place, and the due-soon window as a setting the SQL reads.
--
-- `status_code` is the one classification of an obligation (see domain.status for
-- the labels); `counts_on_time` and `overdue_from` the on-time and overdue rules, which
-- compare_series.sql uses too.
-- The window of "Sắp đến hạn" is the row 'due_soon_days' of `setting` (7 unless an office
-- changes it with store.settings.set_due_soon_days); `soon_days :=` overrides it
-- for one query.

CREATE TABLE setting (
    name VARCHAR PRIMARY KEY,
    value INTEGER NOT NULL
);
INSERT INTO setting VALUES ('due_soon_days', 7);

CREATE MACRO counts_on_time(completed_on, due_on) AS
    due_on IS NULL OR completed_on <= due_on;

-- The first day an obligation not done is overdue (the day after its due date).
CREATE MACRO overdue_from(due_on) AS due_on + 1;

CREATE MACRO status_code(completed_on, due_on, reported, as_of_date, soon_days) AS
    CASE
        WHEN completed_on IS NOT NULL AND counts_on_time(completed_on, due_on)
            THEN 'done_on_time'
        WHEN completed_on IS NOT NULL THEN 'done_late'
        WHEN overdue_from(due_on) <= as_of_date THEN 'overdue'
        WHEN due_on <= as_of_date + soon_days THEN 'due_soon'
        WHEN reported THEN 'in_progress'
        ELSE 'not_reported'
    END;

-- The table macros obligation_status and status_detail that apply these rules are
-- migration 007's (it adds the review rule to what this migration first wrote).
