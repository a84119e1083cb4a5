DELETE FROM task WHERE plan_id = $plan_id;
