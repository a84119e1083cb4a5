-- Status counts per unit (long form: one row per unit and status), for tracker.tables.by_unit.
-- name_order ranks units by name in Vietnamese collation (Đ after D, not after Z).
SELECT unit_id, unit, unit_short, group_label, group_order, status, obligations,
       dense_rank() OVER (ORDER BY unit COLLATE vi, unit_id) AS name_order
FROM (
    SELECT unit_id, any_value(unit) AS unit, any_value(unit_short) AS unit_short,
           any_value(group_label) AS group_label, any_value(group_order) AS group_order,
           status, count(*) AS obligations
    FROM status_detail($as_of, plan_code := $plan, group_codes := $groups,
                       status_codes := $statuses)
    GROUP BY unit_id, status
)
ORDER BY name_order, status;
