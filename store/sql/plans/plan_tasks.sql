SELECT t.task_id, t.code, t.section, t.section_title, t.title, t.deadline_text, t.start_on,
       t.due_on, t.recurrence, t.deadline_unparsed, t.sort_order
FROM task t JOIN plan p ON p.plan_id = t.plan_id
WHERE p.code = $plan
ORDER BY t.sort_order, t.code;
