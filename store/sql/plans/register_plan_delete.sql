DELETE FROM plan WHERE plan_id = $plan_id;
