-- One account by login (exact), e-mail (any case) or id, with the units it reports for.
-- array_agg and CAST(ARRAY[] AS INTEGER[]): the list and the empty list on both backends.
SELECT a.account_id, a.login, a.display_name, a.email, a.role, a.password_hash, a.active,
       a.failed_attempts, a.locked_until,
       coalesce(array_agg(au.unit_id ORDER BY au.unit_id) FILTER (WHERE au.unit_id IS NOT NULL),
                CAST(ARRAY[] AS INTEGER[])) AS unit_ids,
       coalesce(a.credential_version, 0) AS credential_version
FROM account a
LEFT JOIN account_unit au ON au.account_id = a.account_id
WHERE a.login = $login::TEXT
   OR lower(a.email) = lower($email::TEXT)
   OR a.account_id = $account_id::INTEGER
GROUP BY a.account_id, a.login, a.display_name, a.email, a.role, a.password_hash, a.active,
         a.failed_attempts, a.locked_until, a.credential_version;
