-- The hash of every file ever loaded, withdrawn ones too: the originals kept for audit.
SELECT DISTINCT sha256 FROM report ORDER BY sha256;
