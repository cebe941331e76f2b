"""Data of the majorprojects app."""
