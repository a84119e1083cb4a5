-- First statement of a write that changes nothing a page shows (sign-in bookkeeping): the
-- row's lock, as data_version_bump takes it, without a new version, so cached pages stay.
UPDATE data_version SET version = version WHERE id = 1;
