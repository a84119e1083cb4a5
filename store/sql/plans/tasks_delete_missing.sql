-- Remove the tasks of a plan whose codes are no longer listed; the caller has already
-- checked that none of them has report rows.
DELETE FROM task WHERE plan_id = $plan_id AND NOT list_contains($codes, code);
