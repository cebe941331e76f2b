"""The message centre (renshe.accounts.message_views): own messages only, unread first, opening marks read."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from renshe.accounts.messaging import message_send
from renshe.accounts.models import Message

pytestmark = pytest.mark.django_db

INBOX = reverse("messages:inbox")


def _open(message):
    return reverse("messages:open", args=[message.pk])


def test_inbox_lists_own_messages_unread_first_in_bold(client, citizen, clerk_maonan):
    read = message_send(recipient=citizen, title="旧消息：已受理")
    Message.objects.filter(pk=read.pk).update(read_at="2025-01-01T00:00:00Z")
    unread = message_send(recipient=citizen, title="新消息：请补正材料", body="请补充证明", link="/cases/mine/1/")
    message_send(recipient=clerk_maonan, title="办件临期：别人的消息")
    client.force_login(citizen)
    body = client.get(INBOX).content.decode()
    assert "新消息：请补正材料" in body and "旧消息：已受理" in body
    assert "别人的消息" not in body
    assert body.index("新消息") < body.index("旧消息")
    assert 'data-unread="1"' in body and "fw-bold" in body
    assert "1 条未读" in body
    assert "portal" in body.split("<body", 1)[1][:40]  # the public layout
    assert unread.read_at is None


def test_opening_marks_read(client, citizen):
    message = message_send(recipient=citizen, title="已受理", body="办件编号 RS1", link="/cases/mine/1/")
    client.force_login(citizen)
    body = client.get(_open(message)).content.decode()
    assert "办件编号 RS1" in body and 'href="/cases/mine/1/"' in body
    message.refresh_from_db()
    assert message.read_at is not None
    assert "0 条未读" in client.get(INBOX).content.decode()


def test_messages_are_scoped_to_the_recipient(client, citizen, clerk_maonan):
    theirs = message_send(recipient=clerk_maonan, title="差评待整改")
    client.force_login(citizen)
    assert client.get(_open(theirs)).status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None
    assert client.get(reverse("messages:open", args=[999999])).status_code == 404


def test_staff_see_the_inbox_in_the_workbench(client, clerk_maonan):
    message_send(recipient=clerk_maonan, title="办件临期：RS001", link="/cases/queue/1/")
    client.force_login(clerk_maonan)
    body = client.get(INBOX).content.decode()
    assert "办件临期：RS001" in body and "workbench" in body.split("<body", 1)[1][:40]


def test_a_link_outside_the_platform_is_not_rendered(client, citizen):
    message = message_send(recipient=citizen, title="可疑", link="https://evil.example/")
    client.force_login(citizen)
    body = client.get(_open(message)).content.decode()
    assert "evil.example" not in body and 'data-testid="message-link"' not in body


def test_anonymous_is_sent_to_login(client):
    response = client.get(INBOX)
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_inbox_query_count_does_not_grow(client, citizen):
    message_send(recipient=citizen, title="第一条")
    client.force_login(citizen)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(INBOX).status_code == 200
        return len(ctx.captured_queries)

    count()
    before = count()
    for n in range(5):
        message_send(recipient=citizen, title=f"消息{n}")
    assert count() == before
