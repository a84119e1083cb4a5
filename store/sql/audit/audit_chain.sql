-- Every audit row in the order it was appended, with what its hash covers, from $after_id
-- on (0: all): for verifying the chain and for carrying rows over a restore.
SELECT audit_id, happened_at, login, role, origin, action, object_kind, object_key,
       before_json, after_json, prev_hash, row_hash, restored_from
FROM audit
WHERE audit_id > $after_id
ORDER BY audit_id;
