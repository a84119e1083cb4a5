-- The hash of the newest audit row (NULL for an empty trail or a row from before the chain),
-- read inside the write that appends the next one (writes are serialised: see Store.write).
SELECT row_hash FROM audit ORDER BY audit_id DESC LIMIT 1;
