-- Archive (hide from the dashboards' plan choice) or restore a plan.
UPDATE plan SET archived = $archived WHERE code = $plan;
