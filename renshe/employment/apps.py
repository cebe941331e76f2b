from django.apps import AppConfig


class EmploymentConfig(AppConfig):
    name = "renshe.employment"
    label = "employment"
    verbose_name = "就业创业"
