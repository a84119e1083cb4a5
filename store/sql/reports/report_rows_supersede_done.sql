-- Step 3 of 3.
DROP TABLE IF EXISTS supersede_next;
