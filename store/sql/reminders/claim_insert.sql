-- Claim the sending of ($kind, $claim_key) on $claim_day, attempt $attempt: returns the row
-- when this caller won it, nothing when another sender holds it already.
INSERT INTO send_claim (kind, claim_key, claim_day, attempt, claimed_by, claimed_at)
VALUES ($kind, $claim_key, $claim_day, $attempt, $claimed_by, $claimed_at)
ON CONFLICT DO NOTHING
RETURNING attempt;
