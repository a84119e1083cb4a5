"""tracker/domain."""
