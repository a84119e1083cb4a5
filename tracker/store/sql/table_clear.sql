-- Empty one table; {table} is a quoted name checked by the caller (tracker.store.transfer).
DELETE FROM {table};
