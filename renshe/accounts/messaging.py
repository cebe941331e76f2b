"""The message centre and the SMS outbox: how any module tells a user something.

``message_send`` writes the in-platform message in the caller's transaction and, when asked, queues
an SMS that is handed to the sender only after the transaction commits (so a rolled-back case
never texts anyone). The sender is pluggable (``settings.SMS_SENDER``); the default logs only.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from renshe.accounts.models import Message, SmsOutbox, User

log = logging.getLogger("renshe.sms")


class LogSender:
    """Default sender: records the SMS as sent in the log. A gateway adapter replaces it in production."""

    def send(self, phone: str, text: str) -> None:
        log.info("SMS to %s: %s", phone[:3] + "****" + phone[-4:], text)


def sms_sender():
    return import_string(getattr(settings, "SMS_SENDER", "renshe.accounts.messaging.LogSender"))()


def message_send(*, recipient: User, title: str, body: str = "", link: str = "", sms: bool = False) -> Message:
    message = Message.objects.create(recipient=recipient, title=title[:120], body=body, link=link[:200])
    phone = ""
    if sms:
        if recipient.person_id:
            phone = recipient.person.phone
        elif recipient.employer_id:
            phone = recipient.employer.contact_phone
    if phone:
        outbox = SmsOutbox.objects.create(phone=phone, text=f"【茂名人社】{title}"[:300])
        transaction.on_commit(lambda: sms_deliver(outbox_id=outbox.pk))
    return message


def sms_deliver(*, outbox_id: int) -> None:
    """Hand one queued SMS to the sender. Safe to run twice: a sent message is not sent again."""
    with transaction.atomic():
        outbox = SmsOutbox.objects.select_for_update().filter(pk=outbox_id, status=SmsOutbox.Status.PENDING).first()
        if outbox is None:
            return
        outbox.attempts += 1
        try:
            sms_sender().send(outbox.phone, outbox.text)
        except OSError as exc:  # a gateway's network error: keep it pending for the retry job
            outbox.error = str(exc)[:200]
            if outbox.attempts >= 5:
                outbox.status = SmsOutbox.Status.FAILED
        else:
            outbox.status = SmsOutbox.Status.SENT
            outbox.sent_at = timezone.now()
        outbox.save()


def messages_for(*, viewer):
    return Message.objects.filter(recipient=viewer)


def message_mark_read(*, viewer, message_id: int) -> None:
    Message.objects.filter(recipient=viewer, pk=message_id, read_at__isnull=True).update(read_at=timezone.now())
