"""Data of the screen app."""
