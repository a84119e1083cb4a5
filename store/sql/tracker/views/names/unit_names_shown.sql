-- Every unit with its province and whether another unit of the registry bears the same
-- name (two provinces' "Đảng ủy Công an tỉnh"), for tracker.views.names: the all-plans
-- views write the province beside such names.
SELECT unit_id, name, province, count(*) OVER (PARTITION BY name) > 1 AS shared
FROM unit;
