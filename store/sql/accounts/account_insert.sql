INSERT INTO account (login, display_name, email, role, password_hash, created_at)
VALUES ($login, $display_name, $email, $role, $password_hash, $created_at)
RETURNING account_id;
