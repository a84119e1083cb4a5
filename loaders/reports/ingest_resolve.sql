-- Decide every staged row of a batch in one pass: which task and unit, which period, what
-- progress and completion date, and which problems. The per-value work (cleaning, keys,
-- vocabulary, dates, catalog look-ups) was done on distinct values by loaders.reports.normalize,
-- which passes only numbers and flags here (Arrow list and text columns cost more to move
-- than this query costs to run); this is the relational part: precedence of matches,
-- obligations and periods, and the problem bits that loaders.reports.messages turns
-- into sentences (error bit i = loaders.reports.messages.ERRORS[i], same for warnings).
-- Inputs: keyed (one row per staged row), files (report date, serial base), obligations,
-- obligation_pairs (per task and unit: one-off, periods owed), sheet_hints (the period a
-- sheet's name or title names). Run once per connection (with the inputs registered, so
-- that the view binds); each batch then selects from the view, which spares it the parsing
-- of this text. Rows come out in no order: the caller puts them back in rid order.

-- A date written without a year was read in the year 1904 (loaders.reports.values.YEARLESS):
-- it takes the year of the period the sheet names, else of the report's date, and the year
-- before when that would put it after the report's date. An impossible day (29/2) keeps
-- 1904, which the earliest-work check refuses at its cell.
CREATE OR REPLACE TEMP MACRO reyear(d, named_year, report_on) AS
    CASE WHEN d IS NULL OR year(d) <> 1904 THEN d
         WHEN named_year IS NOT NULL
             THEN coalesce(try(make_date(named_year, month(d), day(d))), d)
         WHEN try(make_date(year(report_on), month(d), day(d))) > report_on
             THEN coalesce(try(make_date(year(report_on) - 1, month(d), day(d))), d)
         ELSE coalesce(try(make_date(year(report_on), month(d), day(d))), d) END;

CREATE OR REPLACE TEMP VIEW ingest_resolved AS
WITH yeared AS (
    SELECT k.* REPLACE (
               reyear(k.date_day, y.named_year, f.reported_on) AS date_day,
               reyear(k.status_day, y.named_year, f.reported_on) AS status_day,
               reyear(k.status_inner_day, y.named_year, f.reported_on) AS status_inner_day,
               reyear(k.result_day, y.named_year, f.reported_on) AS result_day)
    FROM keyed k
    JOIN files f USING (file_no)
    LEFT JOIN (SELECT sheet_no, CAST(left(period_hint, 4) AS INTEGER) AS named_year
               FROM sheet_hints) y ON y.sheet_no = k.sheet_no
),
typed AS (
    SELECT k.*, f.reported_on,
           CASE WHEN k.code_n > 0 THEN k.code_n WHEN k.section_n > 0 THEN k.section_n
                WHEN k.title_n > 0 THEN k.title_n ELSE k.fuzzy_n END AS task_n,
           CASE WHEN k.code_n > 0 THEN k.code_id WHEN k.section_n > 0 THEN k.section_id
                WHEN k.title_n > 0 THEN k.title_id ELSE k.fuzzy_id END AS task_pick,
           k.code_n = 0 AND k.section_n = 0 AND k.title_n = 0 AND k.fuzzy_n > 0 AS by_fuzzy,
           coalesce(k.date_day, f.serial_base + k.date_serial) AS date_value,
           coalesce(k.status_day, f.serial_base + k.status_serial) AS status_value,
           -- no status and no date: a result sentence may tell the progress (a "done" only
           -- with the date it names)
           k.status_empty AND k.date_empty AND k.result_progress IS NOT NULL
               AND (k.result_progress <> 'done' OR k.result_day IS NOT NULL) AS told,
           -- a status cell holding a sentence no status word starts ("Ngày 2/8 đã tổ chức")
           NOT k.status_empty AND k.vocab_progress IS NULL AND k.status_day IS NULL
               AND k.status_serial IS NULL AND k.status_told_p IS NOT NULL
               AND (k.status_told_p <> 'done' OR k.status_inner_day IS NOT NULL) AS told_status,
           f.earliest, f.plan_on
    FROM yeared k JOIN files f USING (file_no)
),
decided AS (
    SELECT t.*,
           CASE WHEN NOT status_empty THEN
                    coalesce(vocab_progress, CASE WHEN status_value IS NOT NULL THEN 'done' END,
                             CASE WHEN told_status THEN status_told_p END)
                WHEN date_value IS NOT NULL THEN 'done'
                WHEN told THEN result_progress END AS progress,
           CASE WHEN NOT status_empty AND vocab_progress IS NULL THEN status_value END
               AS status_as_day,
           vocab_progress IS NOT NULL OR told_status AS status_worded,
           (status_empty AND date_empty AND result_empty) OR is_total AS skip,
           CASE WHEN task_n = 1 THEN task_pick END AS task_id,
           CASE WHEN unit_n = 1 THEN unit_pick END AS unit_id
    FROM typed t
),
dated AS (
    SELECT d.*, coalesce(date_value, status_as_day) AS day_value,
           CASE WHEN progress = 'done' THEN
                coalesce(date_value, status_as_day,
                         CASE WHEN status_worded THEN status_inner_day END,
                         CASE WHEN told THEN result_day END) END AS completed_on,
           progress = 'done' AND date_value IS NULL AND status_as_day IS NULL
               AND coalesce(CASE WHEN status_worded THEN status_inner_day END,
                            CASE WHEN told THEN result_day END) IS NOT NULL AS in_sentence
    FROM decided d
),
-- The period holding the completion date (else the report's date); a row without a
-- completion date, in a report dated after the pair's last period, falls in that last one.
by_date AS (
    SELECT d.rid,
           min(o.period) FILTER (WHERE coalesce(d.completed_on, d.reported_on)
                                 BETWEEN o.period_start AND o.period_end) AS within,
           CASE WHEN any_value(d.completed_on) IS NULL
                 AND any_value(d.reported_on) > max(o.period_end)
                THEN arg_max(o.period, o.period_end) END AS after_last
    FROM dated d
    JOIN obligations o ON o.task_id = d.task_id AND o.unit_id = d.unit_id AND o.period <> ''
    WHERE NOT d.skip AND d.period_code IS NULL
    GROUP BY d.rid
),
placed AS (
    SELECT d.*, p.task_id IS NOT NULL AS assigned,
           CASE WHEN d.task_id IS NULL OR d.unit_id IS NULL THEN NULL
                WHEN p.task_id IS NULL THEN coalesce(d.period_code, '')
                WHEN p.one_off THEN ''
                WHEN d.period_code IS NOT NULL THEN
                     CASE WHEN list_contains(p.periods, d.period_code) THEN d.period_code END
                WHEN list_contains(p.periods, h.period_hint) THEN h.period_hint
                ELSE coalesce(b.within, b.after_last) END AS period,
           b.within IS NULL AND b.after_last IS NOT NULL
               AND NOT coalesce(list_contains(p.periods, h.period_hint), false) AS past_last
    FROM dated d
    -- (task, unit) -> one_off, periods owed: built once per catalog (Catalog.obligation_pairs)
    LEFT JOIN obligation_pairs p ON p.task_id = d.task_id AND p.unit_id = d.unit_id
    LEFT JOIN by_date b ON b.rid = d.rid
    -- the period the sheet's name or title names (loaders.reports.named_periods)
    LEFT JOIN sheet_hints h ON h.sheet_no = d.sheet_no
)
SELECT rid, skip, task_id, unit_id, period, progress, completed_on,
       earliest, plan_on,
       CASE WHEN skip THEN 0 ELSE
           (CASE WHEN NOT has_task THEN 1 ELSE 0 END)
         | (CASE WHEN has_task AND task_n = 0 THEN 2 ELSE 0 END)
         | (CASE WHEN task_n > 1 THEN 4 ELSE 0 END)
         | (CASE WHEN unit_empty THEN 8 ELSE 0 END)
         | (CASE WHEN NOT unit_empty AND unit_n = 0 THEN 16 ELSE 0 END)
         | (CASE WHEN unit_n > 1 THEN 32 ELSE 0 END)
         | (CASE WHEN NOT status_empty AND progress IS NULL THEN 64 ELSE 0 END)
         | (CASE WHEN status_empty AND date_empty AND NOT told THEN 128 ELSE 0 END)
         | (CASE WHEN NOT date_empty AND date_value IS NULL AND NOT is_matrix THEN 256 ELSE 0 END)
         | (CASE WHEN coalesce(day_value, completed_on) IS NOT NULL
                      AND (year(coalesce(day_value, completed_on)) < 2000
                           OR year(coalesce(day_value, completed_on)) > 2100)
                 THEN 512 ELSE 0 END)
         | (CASE WHEN period_bad THEN 1024 ELSE 0 END)
         | (CASE WHEN task_id IS NOT NULL AND unit_id IS NOT NULL AND period IS NULL
                      AND period_code IS NOT NULL THEN 2048 ELSE 0 END)
         | (CASE WHEN task_id IS NOT NULL AND unit_id IS NOT NULL AND period IS NULL
                      AND period_code IS NULL AND NOT period_bad THEN 4096 ELSE 0 END)
         -- 8192 (a duplicate row): loaders.reports.duplicates, after this statement
         | (CASE WHEN completed_on > reported_on THEN 16384 ELSE 0 END)
         | (CASE WHEN completed_on < earliest AND year(completed_on) >= 2000 THEN 32768 ELSE 0 END)
       END AS error_bits,
       CASE WHEN skip THEN 0 ELSE
           (CASE WHEN by_fuzzy AND fuzzy_warn AND task_n = 1 THEN 1 ELSE 0 END)
         | (CASE WHEN has_code AND code_n = 0 AND task_n = 1 AND NOT is_matrix THEN 2 ELSE 0 END)
         | (CASE WHEN code_n = 1 AND title_n > 0 AND task_id IS DISTINCT FROM title_id
                      AND title_n = 1 THEN 4 ELSE 0 END)
         | (CASE WHEN task_id IS NOT NULL AND unit_id IS NOT NULL AND NOT assigned
                 THEN 8 ELSE 0 END)
         | (CASE WHEN progress IN ('in_progress', 'not_started') AND day_value IS NOT NULL
                 THEN 16 ELSE 0 END)
         | (CASE WHEN completed_on >= earliest AND completed_on < plan_on THEN 32 ELSE 0 END)
         | (CASE WHEN unit_close AND unit_n = 1 THEN 64 ELSE 0 END)
         | (CASE WHEN past_last AND period <> '' THEN 128 ELSE 0 END)
         | (CASE WHEN in_sentence THEN 256 ELSE 0 END)
         | (CASE WHEN told OR told_status THEN 512 ELSE 0 END)
         | (CASE WHEN progress = 'done' AND completed_on IS NULL THEN 1024 ELSE 0 END)
       END AS warning_bits
FROM placed;
