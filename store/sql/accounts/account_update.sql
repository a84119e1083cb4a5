-- Role, display name, e-mail and whether it may sign in.
UPDATE account SET role = $role, display_name = $display_name, email = $email, active = $active
WHERE account_id = $account_id;
