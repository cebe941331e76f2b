from django.core.management.base import BaseCommand

from renshe.catalog.data.catalogue import BUNDLES, ITEMS
from renshe.catalog.services import catalogue_load


class Command(BaseCommand):
    help = "Load the bureau's service catalogue (idempotent: unchanged items get no new version)."

    def handle(self, *args, **options):
        counts = catalogue_load(items=ITEMS, bundles=BUNDLES)
        self.stdout.write(", ".join(f"{k}={v}" for k, v in counts.items()))
