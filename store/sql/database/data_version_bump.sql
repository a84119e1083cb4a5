-- First statement of every write: a new data version (and, on PostgreSQL, the row's lock,
-- which queues concurrent writers from every app server one behind the other).
UPDATE data_version SET version = version + 1 WHERE id = 1;
