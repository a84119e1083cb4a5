-- Decide every staged row of a batch in one pass: which task and unit, which period, what
-- progress and completion date, and which problems. The per-value work (cleaning, keys,
-- vocabulary, dates, catalog look-ups) was done on distinct values by loaders.normalize;
-- this is the relational part: precedence of matches, obligations and periods,
-- duplicates, and the error and warning codes loaders.messages turns into sentences.
-- Inputs: keyed (one row per staged row), files (report date, serial base per file),
-- obligations (with period bounds), tasks, units.
WITH typed AS (
    SELECT k.*, f.reported_on,
           coalesce(k.code_ids, k.section_ids, k.title_ids, k.fuzzy_ids, []) AS task_ids,
           k.code_ids IS NULL AND k.section_ids IS NULL AND k.title_ids IS NULL
               AND k.fuzzy_ids IS NOT NULL AS by_fuzzy,
           (k.code_c <> '' OR k.has_section OR k.title_c <> '') AS has_task,
           coalesce(k.date_day, f.serial_base + k.date_serial) AS date_value,
           coalesce(k.status_day, f.serial_base + k.status_serial) AS status_value
    FROM keyed k JOIN files f USING (file_no)
),
decided AS (
    SELECT t.*,
           CASE WHEN status_c <> '' THEN
                    coalesce(vocab_progress, CASE WHEN status_value IS NOT NULL THEN 'done' END)
                WHEN date_value IS NOT NULL THEN 'done' END AS progress,
           CASE WHEN status_c <> '' AND vocab_progress IS NULL THEN status_value END
               AS status_as_day,
           (status_c = '' AND date_c = '' AND result_c = '') OR is_total AS skip,
           CASE WHEN len(task_ids) = 1 THEN task_ids[1] END AS task_id,
           CASE WHEN len(unit_ids) = 1 THEN unit_ids[1] END AS unit_id
    FROM typed t
),
dated AS (
    SELECT d.*, coalesce(date_value, status_as_day) AS day_value,
           CASE WHEN progress = 'done' THEN coalesce(date_value, status_as_day) END
               AS completed_on
    FROM decided d
),
assigned AS (
    SELECT d.rid, count(o.task_id) AS n_obligations,
           bool_or(o.period = '') AS one_off,
           list(o.period) FILTER (WHERE o.period <> '') AS periods,
           min(o.period) FILTER (WHERE o.period <> '' AND coalesce(d.completed_on, d.reported_on)
                                 BETWEEN o.period_start AND o.period_end) AS period_by_date
    FROM dated d
    JOIN obligations o ON o.task_id = d.task_id AND o.unit_id = d.unit_id
    WHERE NOT d.skip
    GROUP BY d.rid
),
placed AS (
    SELECT d.*, coalesce(a.n_obligations, 0) AS n_obligations, a.periods,
           CASE WHEN d.task_id IS NULL OR d.unit_id IS NULL THEN NULL
                WHEN a.rid IS NULL THEN coalesce(d.period_code, '')
                WHEN a.one_off THEN ''
                WHEN d.period_code IS NOT NULL AND d.period_code <> '' THEN
                     CASE WHEN list_contains(a.periods, d.period_code) THEN d.period_code END
                ELSE a.period_by_date END AS period
    FROM dated d LEFT JOIN assigned a USING (rid)
),
checked AS (
    SELECT p.*,
           CASE WHEN NOT skip AND task_id IS NOT NULL AND unit_id IS NOT NULL
                     AND period IS NOT NULL THEN
                row_number() OVER (PARTITION BY file_no, task_id, unit_id, period
                                   ORDER BY sheet_no, row_no) END AS dup_rank,
           first_value(row_no) OVER (PARTITION BY file_no, task_id, unit_id, period
                                     ORDER BY sheet_no, row_no) AS dup_first_row
    FROM placed p
)
SELECT c.rid, c.file_no, c.sheet_no, c.row_no, c.cell_col, c.skip,
       c.task_id, c.unit_id, c.period, c.progress, c.completed_on,
       c.result_c AS result_text, c.note_c AS note, c.status_c AS raw_status,
       c.unit_c, c.code_c, c.title_c, c.status_c, c.date_c, c.period_c,
       t.code AS task_code, u.name AS unit_name, c.dup_first_row,
       c.task_ids, c.unit_ids, c.periods, c.reported_on,
       CASE WHEN c.skip THEN [] ELSE list_filter([
           CASE WHEN NOT c.has_task THEN 'task_missing' END,
           CASE WHEN c.has_task AND len(c.task_ids) = 0 THEN 'task_unknown' END,
           CASE WHEN len(c.task_ids) > 1 THEN 'task_ambiguous' END,
           CASE WHEN c.unit_c = '' THEN 'unit_missing' END,
           CASE WHEN c.unit_c <> '' AND len(c.unit_ids) = 0 THEN 'unit_unknown' END,
           CASE WHEN len(c.unit_ids) > 1 THEN 'unit_ambiguous' END,
           CASE WHEN c.status_c <> '' AND c.progress IS NULL THEN 'status_unknown' END,
           CASE WHEN c.status_c = '' AND c.date_c = '' THEN 'status_missing' END,
           CASE WHEN c.date_c <> '' AND c.date_value IS NULL AND c.cell_col IS NULL
                THEN 'date_bad' END,
           CASE WHEN c.day_value IS NOT NULL
                     AND (year(c.day_value) < 2000 OR year(c.day_value) > 2100)
                THEN 'date_range' END,
           CASE WHEN c.period_c <> '' AND c.period_code IS NULL THEN 'period_bad' END,
           CASE WHEN c.task_id IS NOT NULL AND c.unit_id IS NOT NULL AND c.period IS NULL
                     AND coalesce(c.period_code, '') <> '' THEN 'period_unknown' END,
           CASE WHEN c.task_id IS NOT NULL AND c.unit_id IS NOT NULL AND c.period IS NULL
                     AND c.period_c = '' THEN 'period_none' END,
           CASE WHEN c.dup_rank > 1 THEN 'duplicate' END
       ], lambda x: x IS NOT NULL) END AS errors,
       CASE WHEN c.skip THEN [] ELSE list_filter([
           CASE WHEN c.by_fuzzy AND len(c.task_ids) = 1 THEN 'task_fuzzy' END,
           CASE WHEN c.code_c <> '' AND c.code_ids IS NULL AND len(c.task_ids) = 1
                     AND c.cell_col IS NULL THEN 'code_unknown' END,
           CASE WHEN c.code_ids IS NOT NULL AND c.title_ids IS NOT NULL
                     AND NOT list_contains(c.title_ids, c.task_id) THEN 'title_mismatch' END,
           CASE WHEN c.task_id IS NOT NULL AND c.unit_id IS NOT NULL
                     AND c.n_obligations = 0 THEN 'not_assigned' END,
           CASE WHEN c.progress IN ('in_progress', 'not_started') AND c.day_value IS NOT NULL
                THEN 'date_ignored' END,
           CASE WHEN c.completed_on > c.reported_on THEN 'date_future' END
       ], lambda x: x IS NOT NULL) END AS warnings
FROM checked c
LEFT JOIN tasks t ON t.task_id = c.task_id
LEFT JOIN units u ON u.unit_id = c.unit_id
ORDER BY c.rid
