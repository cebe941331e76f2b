from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "renshe.catalog"
    label = "catalog"
    verbose_name = "政务服务事项"
