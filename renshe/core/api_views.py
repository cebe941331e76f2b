"""The scoped base viewset every API endpoint builds on."""

from __future__ import annotations

from rest_framework import viewsets


class ScopedViewSet(viewsets.GenericViewSet):
    """Base for every API viewset: the queryset always comes from ``scoped_queryset(user)``.

    Subclasses implement ``scoped_queryset``; there is no unscoped ``queryset`` attribute to
    fall back on, so a forgotten filter fails loudly instead of leaking another region's data.
    """

    def scoped_queryset(self, user):  # pragma: no cover - every subclass defines it
        raise NotImplementedError

    def get_queryset(self):
        return self.scoped_queryset(self.request.user)
