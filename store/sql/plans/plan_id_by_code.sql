SELECT plan_id FROM plan WHERE code = $code;
