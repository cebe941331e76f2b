"""Data of the planning app."""
