-- Empty one table; {table} is a quoted name checked by the caller (store.transfer).
DELETE FROM {table};
