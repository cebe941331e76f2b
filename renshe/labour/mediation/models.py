"""Data of the mediation app."""
