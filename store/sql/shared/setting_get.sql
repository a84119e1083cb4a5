-- One office setting by name ($name), e.g. 'due_soon_days'.
SELECT value FROM setting WHERE name = $name;
