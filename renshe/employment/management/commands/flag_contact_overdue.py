"""Tell the responsible clerks about ledger people not contacted in time (联系台账超期提醒).

A thin command over ``renshe.employment.assistance.contacts_flag_overdue`` (also scheduled in Celery
beat as ``renshe.employment.tasks.contacts_flag_overdue``). Safe to run twice: one message per person
and due date.
"""

from __future__ import annotations

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from renshe.employment.assistance import contacts_flag_overdue
from renshe.employment.management.commands._lock import run_lock


class Command(BaseCommand):
    help = "Notify clerks of people in the assistance ledger who are overdue for contact."

    def add_arguments(self, parser):
        parser.add_argument("--today", help="as of this date (YYYY-MM-DD); default: today")

    def handle(self, *args, **options):
        today = None
        if options.get("today"):
            try:
                today = date.fromisoformat(options["today"])
            except ValueError:
                raise CommandError("--today must be a date, YYYY-MM-DD") from None
        with run_lock("employment:flag_contact_overdue:lock", 3600) as held:
            if not held:
                self.stdout.write(self.style.WARNING("another flag_contact_overdue run is in progress; nothing done"))
                return
            self.stdout.write("checking the contact ledger …")
            counts = contacts_flag_overdue(today=today)
        self.stdout.write(self.style.SUCCESS(", ".join(f"{k}={v}" for k, v in counts.items())))
