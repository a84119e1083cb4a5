-- How many claims ($kind, $claim_key) has on $claim_day: the next deliberate resend's attempt.
SELECT count(*) FROM send_claim
WHERE kind = $kind AND claim_key = $claim_key AND claim_day = $claim_day;
