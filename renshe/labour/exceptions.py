"""Typed errors of the labour app."""

from django.core.exceptions import ValidationError


class ArbitrationConflict(ValidationError):
    """The case is not in a state that allows the action (or someone else acted first).

    A ``ValidationError`` so forms and the API show it like any other bad input (HTTP 409 in the API).
    """


class BookingClash(ValidationError):
    """A hearing would double-book a room or an arbitrator."""
