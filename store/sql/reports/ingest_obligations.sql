-- Who must report what for which period: the assignment check and period matching.
SELECT task_id, unit_id, period, due_on FROM obligation WHERE plan_id = $plan_id;
