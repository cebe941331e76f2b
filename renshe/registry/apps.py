from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "renshe.registry"
    label = "registry"
