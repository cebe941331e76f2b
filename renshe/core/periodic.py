"""The shape every periodic job's management command shares (STYLE.md habit 13).

A periodic command is a thin layer over one service: it parses ``--today`` (to run as of another
day), holds a cache lock so two runs never overlap (shared across workers when the cache is Redis;
it expires by itself if a run dies), and prints the service's counts.
"""

from __future__ import annotations

import secrets
from contextlib import contextmanager
from datetime import date

from django.core.cache import cache
from django.core.management.base import BaseCommand, CommandError


@contextmanager
def run_lock(key: str, seconds: int):
    """Yields True when this run holds the lock, False when another run does."""
    token = secrets.token_hex(8)
    if not cache.add(key, token, timeout=seconds):
        yield False
        return
    try:
        yield True
    finally:
        if cache.get(key) == token:
            cache.delete(key)


class PeriodicCommand(BaseCommand):
    """Subclasses set ``lock_key`` (and ``lock_seconds``, ``start_message``) and implement ``run``."""

    lock_key: str = ""
    lock_seconds: int = 3600
    start_message: str = ""

    def add_arguments(self, parser):
        parser.add_argument("--today", help="as of this date (YYYY-MM-DD); default: today")

    def run(self, *, today: date | None, **options) -> dict | int:
        raise NotImplementedError

    def handle(self, *args, **options):
        text = options.pop("today", None)
        today = None
        if text:
            try:
                today = date.fromisoformat(text)
            except ValueError:
                raise CommandError("--today must be a date, YYYY-MM-DD") from None
        with run_lock(self.lock_key, self.lock_seconds) as held:
            if not held:
                self.stdout.write(self.style.WARNING(f"another {self.lock_key} run is in progress; nothing done"))
                return
            if self.start_message:
                self.stdout.write(self.start_message)
            result = self.run(today=today, **options)
        summary = ", ".join(f"{k}={v}" for k, v in result.items()) if isinstance(result, dict) else str(result)
        self.stdout.write(self.style.SUCCESS(summary))
