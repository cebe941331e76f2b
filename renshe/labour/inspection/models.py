"""Data of the inspection app."""
