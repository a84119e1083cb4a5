-- Take the next letter number (the setting 'letter_number' holds the last one given).
UPDATE setting SET value = value + 1 WHERE name = 'letter_number'
RETURNING value;
