-- The audit trail, newest first, filtered: $logins, $actions, $kinds (NULL: all), $key (part
-- of the object's key, any case; NULL: all), $from_day and $to_day (inclusive; NULL: open),
-- at most $limit rows. Reads only: no statement under sql/ changes an audit row.
SELECT audit_id, happened_at, login, role, origin, action, object_kind, object_key,
       before_json, after_json
FROM audit
WHERE ($logins IS NULL OR list_contains($logins, login))
  AND ($actions IS NULL OR list_contains($actions, action))
  AND ($kinds IS NULL OR list_contains($kinds, object_kind))
  AND ($key IS NULL OR contains(lower(object_key), lower($key)))
  AND ($from_day IS NULL OR happened_at >= CAST($from_day AS DATE))
  AND ($to_day IS NULL OR happened_at < CAST($to_day AS DATE) + 1)
ORDER BY audit_id DESC
LIMIT $limit;
