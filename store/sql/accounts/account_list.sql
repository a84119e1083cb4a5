-- Every account for the users page and `user list`: never the password hash.
SELECT a.account_id, a.login, a.display_name, a.email, a.role, a.active,
       a.failed_attempts, a.locked_until, a.created_at,
       coalesce(string_agg(u.name, '; ' ORDER BY u.name), '') AS units
FROM account a
LEFT JOIN account_unit au ON au.account_id = a.account_id
LEFT JOIN unit u ON u.unit_id = au.unit_id
GROUP BY a.account_id, a.login, a.display_name, a.email, a.role, a.active,
         a.failed_attempts, a.locked_until, a.created_at
ORDER BY a.login;
