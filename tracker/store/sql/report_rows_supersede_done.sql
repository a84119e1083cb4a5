-- Step 3 of 3.
DROP TABLE supersede_next;
