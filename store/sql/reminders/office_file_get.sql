-- The office's own file $name (e.g. 'letter_party'): its sha256 among the kept files.
SELECT sha256, file_name, updated_by, updated_at FROM office_file WHERE name = $name;
