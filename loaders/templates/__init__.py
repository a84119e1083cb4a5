"""loaders/templates."""
