"""``manage.py load_indicators``: load the plan's indicator register (idempotent; also run after migrate)."""

from django.core.management.base import BaseCommand

from renshe.planning.services import register_sync


class Command(BaseCommand):
    help = "Load the plan's indicator register from renshe/planning/data/indicators.py (safe to run twice)."

    def handle(self, *args, **options):
        result = register_sync()
        self.stdout.write(f"indicators: {result['created']} created, {result['updated']} updated")
