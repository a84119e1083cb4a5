-- bench/pages.py's floor: the bare status of every obligation, counted by status. Every
-- correct page pays at least this once; each page's time is reported as a ratio to it.
SELECT status, count(*) AS obligations
FROM obligation_status($as_of)
GROUP BY status;
