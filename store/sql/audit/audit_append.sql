-- Append one audit row; the trail is append-only (no statement updates or deletes it).
-- $row_hash chains it to the row before ($prev_hash; store.audit says how).
INSERT INTO audit (happened_at, login, role, origin, action, object_kind, object_key,
                   before_json, after_json, prev_hash, row_hash, restored_from)
VALUES ($happened_at, $login, $role, $origin, $action, $object_kind, $object_key,
        $before_json, $after_json, $prev_hash::TEXT, $row_hash, $restored_from::TEXT);
