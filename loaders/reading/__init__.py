"""loaders/reading."""
