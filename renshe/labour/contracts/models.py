"""Data of the contracts app."""
