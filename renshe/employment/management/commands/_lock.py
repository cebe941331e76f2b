"""A cache lock that keeps two runs of one periodic command from overlapping (shared across workers
when the cache is Redis); it expires on its own if a run dies."""

from __future__ import annotations

import secrets
from contextlib import contextmanager

from django.core.cache import cache


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
