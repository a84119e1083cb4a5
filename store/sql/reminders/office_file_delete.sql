-- Forget the office's file $name (the default that ships is used again).
DELETE FROM office_file WHERE name = $name;
