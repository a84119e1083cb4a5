SELECT group_code, label FROM unit_group ORDER BY sort_order;
