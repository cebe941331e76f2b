from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _ensure_reference_data(sender, using="default", **kwargs) -> None:
    """Reference data is loaded by migration core.0002; a test database flush (``TransactionTestCase``)
    empties the tables and then emits ``post_migrate``, so put it back when it is missing."""
    from renshe.core.models import Region
    from renshe.core.reference import reference_load

    if not Region.objects.using(using).exists():
        reference_load()


class CoreConfig(AppConfig):
    name = "renshe.core"
    label = "core"
    verbose_name = "基础数据"

    def ready(self) -> None:
        post_migrate.connect(_ensure_reference_data, sender=self, dispatch_uid="core_reference_data")
