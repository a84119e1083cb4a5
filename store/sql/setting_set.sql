-- Change one office setting ($name, $value); the status macros read 'due_soon_days'.
UPDATE setting SET value = $value WHERE name = $name;
