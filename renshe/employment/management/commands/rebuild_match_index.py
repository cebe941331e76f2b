"""Recompute the stored jieba tokens of every job and seeker, and rebuild this process's match index.

Run after the tokenizer's words or stop words change (``renshe.employment.matching``). Workers pick
the new tokens up on their next index rebuild (``MATCH_INDEX_REBUILD_SECONDS``) or restart. Safe to
run twice: it writes the same tokens again.
"""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand

from renshe.core.periodic import run_lock
from renshe.employment import matching
from renshe.employment.services_jobs import match_tokens_rebuild


class Command(BaseCommand):
    help = "Recompute the matching tokens of jobs and seekers and rebuild the match index."

    def handle(self, *args, **options):
        with run_lock("employment:rebuild_match_index:lock", 6 * 3600) as held:
            if not held:
                self.stdout.write(self.style.WARNING("another rebuild_match_index run is in progress; nothing done"))
                return
            counts = match_tokens_rebuild(progress=lambda kind, n: self.stdout.write(f"  {kind}: {n}"))
            started = time.perf_counter()
            data = matching.job_index().ensure_fresh()
            seconds = time.perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"jobs={counts['jobs']}, seekers={counts['seekers']}, index={data.live} open jobs in {seconds:.1f} s"
            )
        )
