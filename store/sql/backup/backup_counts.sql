-- How many rows the tables people care about hold: what a backup or a restore reports.
SELECT 'plan' AS what, count(*) AS n FROM plan
UNION ALL SELECT 'task', count(*) FROM task
UNION ALL SELECT 'unit', count(*) FROM unit
UNION ALL SELECT 'report', count(*) FROM report
UNION ALL SELECT 'report_row', count(*) FROM report_row
UNION ALL SELECT 'name_alias', count(*) FROM name_alias
UNION ALL SELECT 'account', count(*) FROM account
UNION ALL SELECT 'audit', count(*) FROM audit;
