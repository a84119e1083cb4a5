-- Record one letter drafted, sent, failed or left for paper (store.reminders.record).
INSERT INTO reminder (plan_id, unit_id, as_of, made_at, made_by, number, result, recipients,
                      detail, obligations)
VALUES ($plan_id, $unit_id, $as_of, $made_at, $made_by, $number, $result, $recipients,
        $detail, $obligations)
RETURNING reminder_id;
