INSERT INTO assignment (task_id, unit_id, role) VALUES ($task_id, $unit_id, $role);
