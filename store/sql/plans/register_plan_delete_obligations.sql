DELETE FROM obligation WHERE plan_id = $plan_id;
