-- Keep $sha256 as the office's file $name, replacing the one it had.
INSERT INTO office_file (name, sha256, file_name, updated_by, updated_at)
VALUES ($name, $sha256, $file_name, $updated_by, $updated_at)
ON CONFLICT (name) DO UPDATE
SET sha256 = excluded.sha256, file_name = excluded.file_name,
    updated_by = excluded.updated_by, updated_at = excluded.updated_at;
