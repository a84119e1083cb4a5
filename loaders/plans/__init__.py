"""loaders/plans."""
