INSERT INTO task (plan_id, code, section, section_title, title, deadline_text, start_on,
                  due_on, recurrence, deadline_unparsed, sort_order)
VALUES ($plan_id, $code, $section, $section_title, $title, $deadline_text, $start_on,
        $due_on, $recurrence, $deadline_unparsed, $sort_order)
ON CONFLICT (plan_id, code) DO UPDATE SET
    section = excluded.section, section_title = excluded.section_title,
    title = excluded.title, deadline_text = excluded.deadline_text,
    start_on = excluded.start_on, due_on = excluded.due_on,
    recurrence = excluded.recurrence, deadline_unparsed = excluded.deadline_unparsed,
    sort_order = excluded.sort_order
RETURNING task_id;
