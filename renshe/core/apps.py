from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "renshe.core"
    label = "core"
