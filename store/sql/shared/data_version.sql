-- The number every committed write changes: what the app's caches are keyed by.
SELECT version FROM data_version WHERE id = 1;
