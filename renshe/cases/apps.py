from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "renshe.cases"
    label = "cases"
    verbose_name = "办件"
