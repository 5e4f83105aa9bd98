"""Output formats. Each takes the sorted findings and returns the text for stdout."""
