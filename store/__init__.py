"""The store: the only code that names SQL (schema, migrations, named queries)."""
