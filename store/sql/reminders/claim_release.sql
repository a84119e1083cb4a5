-- Give a claim back after a failed send, so the next run tries again.
DELETE FROM send_claim
WHERE kind = $kind AND claim_key = $claim_key AND claim_day = $claim_day AND attempt = $attempt;
