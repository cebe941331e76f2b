from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate


class AccountsConfig(AppConfig):
    name = "renshe.accounts"
    label = "accounts"
    verbose_name = "账号与角色"

    def ready(self) -> None:
        from renshe.accounts.services import role_groups_sync

        # post_migrate fires once per app, and each app's permissions are created in its own turn:
        # sync the role groups once, after the last app, when every permission exists.
        last_app = list(apps.get_app_configs())[-1]
        post_migrate.connect(
            lambda **kwargs: role_groups_sync(), sender=last_app, dispatch_uid="role_groups_sync", weak=False
        )
