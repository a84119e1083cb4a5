-- The plan a batch of reports is matched against.
SELECT plan_id, code, title, issued_on, province FROM plan WHERE code = $code;
