-- 004 on PostgreSQL: the rules of migrations/004_status_rules.sql (read its comments), with
-- DuckDB's macros as SQL functions. Each is one SELECT in LANGUAGE sql, so the planner
-- inlines it into the calling query (filters reach the scans as with DuckDB's macros).

CREATE TABLE setting (
    name VARCHAR PRIMARY KEY,
    value INTEGER NOT NULL
);
INSERT INTO setting VALUES ('due_soon_days', 7);

CREATE FUNCTION counts_on_time(completed_on date, due_on date) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT due_on IS NULL OR completed_on <= due_on $$;

CREATE FUNCTION overdue_from(due_on date) RETURNS date
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT due_on + 1 $$;

CREATE FUNCTION status_code(completed_on date, due_on date, reported boolean,
                            as_of_date date, soon_days integer) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT CASE
        WHEN completed_on IS NOT NULL AND counts_on_time(completed_on, due_on)
            THEN 'done_on_time'
        WHEN completed_on IS NOT NULL THEN 'done_late'
        WHEN overdue_from(due_on) <= as_of_date THEN 'overdue'
        WHEN due_on <= as_of_date + soon_days THEN 'due_soon'
        WHEN reported THEN 'in_progress'
        ELSE 'not_reported'
    END
$$;

-- obligation_status and status_detail, which apply these rules, are migrations 007's and
-- 008's (on DuckDB both are 007's).
