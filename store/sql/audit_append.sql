-- Append one audit row; the trail is append-only (no statement updates or deletes it).
INSERT INTO audit (happened_at, login, role, origin, action, object_kind, object_key, before_json, after_json)
VALUES ($happened_at, $login, $role, $origin, $action, $object_kind, $object_key, $before_json, $after_json);
