DELETE FROM assignment WHERE task_id IN (SELECT task_id FROM task WHERE plan_id = $plan_id);
