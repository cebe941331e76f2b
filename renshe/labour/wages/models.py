"""Data of the wages app."""
