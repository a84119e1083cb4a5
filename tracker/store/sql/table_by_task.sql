-- Status counts per plan task (long form), for tracker.tables.by_task. "due_on" is the task's
-- one-off due date, or for a recurring task the due date of its latest period begun by as_of.
SELECT plan, any_value(plan_title) AS plan_title, task_id, any_value(task_code) AS task_code,
       any_value(section) AS section, any_value(task) AS task,
       any_value(deadline_text) AS deadline_text, any_value(task_order) AS task_order,
       status, count(*) AS obligations,
       max(max(due_on)) OVER (PARTITION BY task_id) AS due_on
FROM status_detail($as_of, plan_code := $plan, group_codes := $groups, status_codes := $statuses)
GROUP BY plan, task_id, status
ORDER BY plan, task_order, task_id, status;
