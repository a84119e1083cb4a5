"""tracker/usecases."""
