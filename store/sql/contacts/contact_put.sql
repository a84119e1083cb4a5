-- Set one unit's contact ($unit_id, $emails "; "-joined, $head, $address), replacing it.
INSERT INTO unit_contact (unit_id, emails, head, address)
VALUES ($unit_id, $emails, $head, $address)
ON CONFLICT (unit_id) DO UPDATE
SET emails = excluded.emails, head = excluded.head, address = excluded.address;
