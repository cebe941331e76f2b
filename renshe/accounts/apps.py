from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AccountsConfig(AppConfig):
    name = "renshe.accounts"
    label = "accounts"
    verbose_name = "账号与角色"

    def ready(self) -> None:
        from renshe.accounts.services import role_groups_sync

        # Runs after migrate (not at start-up): keeps the role groups in step with permissions.py.
        post_migrate.connect(lambda **kwargs: role_groups_sync(), dispatch_uid="role_groups_sync", weak=False)
