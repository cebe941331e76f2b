"""Data of the labour app."""
