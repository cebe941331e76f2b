from django.core.management.base import BaseCommand
from django.db import transaction

from renshe.core.reference import reference_load


class Command(BaseCommand):
    help = (
        "Load or refresh reference data (regions, industries, education, occupations, tags, minimum wage). Idempotent."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            counts = reference_load()
        self.stdout.write(", ".join(f"{k}={v}" for k, v in counts.items()))
