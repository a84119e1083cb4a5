-- The whole audit trail, oldest first (tracker.store.audit.trail).
SELECT audit_id, happened_at, login, role, origin, action, object_kind, object_key,
       before_json, after_json
FROM audit
ORDER BY audit_id;
