"""tracker/views."""
