-- What the audit filters offer: every login, action and object kind recorded.
SELECT DISTINCT 'login' AS field, login AS value FROM audit
UNION SELECT DISTINCT 'action', action FROM audit
UNION SELECT DISTINCT 'kind', object_kind FROM audit WHERE object_kind <> ''
ORDER BY field, value;
