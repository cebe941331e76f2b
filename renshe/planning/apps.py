from django.apps import AppConfig


class PlanningConfig(AppConfig):
    name = "renshe.planning"
    label = "planning"
    verbose_name = "规划监测"
