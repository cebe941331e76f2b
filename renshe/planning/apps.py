from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _load_register(sender, using="default", **kwargs) -> None:
    """The register is data (renshe/planning/data/indicators.py): load it after every migrate, and
    again after a test database flush (which empties the tables and emits ``post_migrate``)."""
    from django.db import connections

    from renshe.planning.models import Indicator
    from renshe.planning.services import register_sync

    if using != "default" or Indicator._meta.db_table not in connections[using].introspection.table_names():
        return  # migrating only some apps: the register's table is not there yet
    register_sync()


class PlanningConfig(AppConfig):
    name = "renshe.planning"
    label = "planning"
    verbose_name = "规划监测"

    def ready(self) -> None:
        post_migrate.connect(_load_register, sender=self, dispatch_uid="planning_register")
