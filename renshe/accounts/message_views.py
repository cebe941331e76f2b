"""The message centre under /messages/: every account's own messages, unread first."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import BooleanField, ExpressionWrapper, Q
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from renshe.accounts.messaging import message_mark_read, messages_for
from renshe.core.paging import page_of, query_string_without_page


def _layout(user) -> str:
    return "workbench_base.html" if user.is_bureau_staff else "portal_base.html"


def _safe_link(link: str) -> str:
    """Only links inside the platform: a path, never another site or a script."""
    return link if link.startswith("/") and not link.startswith("//") and "\\" not in link else ""


@login_required
@require_GET
def inbox(request):
    unread = ExpressionWrapper(Q(read_at__isnull=True), output_field=BooleanField())
    qs = messages_for(viewer=request.user).annotate(unread=unread).order_by("-unread", "-created_at", "-id")
    page = page_of(qs, request.GET.get("page"))
    return render(
        request,
        "accounts/messages.html",
        {
            "base_template": _layout(request.user),
            "page_obj": page,
            "query_string": query_string_without_page(request),
            "unread_count": messages_for(viewer=request.user).filter(read_at__isnull=True).count(),
        },
    )


@login_required
@require_GET
def message_open(request, pk: int):
    """Open one message; opening it marks it read (the reader's own message only, else 404)."""
    message = messages_for(viewer=request.user).filter(pk=pk).first()
    if message is None:
        raise Http404
    was_unread = message.read_at is None
    message_mark_read(viewer=request.user, message_id=message.pk)
    return render(
        request,
        "accounts/messages_detail.html",
        {
            "base_template": _layout(request.user),
            "message": message,
            "was_unread": was_unread,
            "link": _safe_link(message.link),
        },
    )
