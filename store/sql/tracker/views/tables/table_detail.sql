-- Every obligation with what the unit reported, for tracker.views.tables.detail: by plan, unit
-- group, unit name (Vietnamese collation), task order, period. Plans and units are ranked
-- on their own small tables (units by the view unit_order) and the rows sorted by those
-- integers: collating the unit name of each row is what costs. Units of the same name in one group share a rank, as they
-- shared a sort key before; unit_id and task_id only settle what was a tie.
-- $unit (a unit id), $unit_name (an official name) and $units (a list of unit ids) narrow
-- the rows when not NULL (pushed down to the scan: tens of ms for a few units); $row_limit
-- caps the rows (NULL for all).
WITH plans AS (
    SELECT plan_id, row_number() OVER (ORDER BY code) AS plan_order FROM plan
)
SELECT d.plan, d.unit_id, d.unit, d.group_label, d.section, d.task, d.period, d.due_on,
       d.completed_on, d.status, d.result_text, d.note, d.file_name, d.reported_on
FROM status_detail($as_of, plan_code := $plan, group_codes := $groups,
                   status_codes := $statuses) d
JOIN plans p ON p.plan_id = d.plan_id
JOIN unit_order u ON u.unit_id = d.unit_id
WHERE ($unit IS NULL OR d.unit_id = $unit) AND ($unit_name IS NULL OR d.unit = $unit_name)
  AND ($units IS NULL OR list_contains($units, d.unit_id))
ORDER BY p.plan_order, u.unit_order, d.task_order, d.period_start NULLS FIRST, d.unit_id,
         d.task_id
LIMIT $row_limit;
