"""loaders/reports."""
