from django.apps import AppConfig


class ScreenConfig(AppConfig):
    name = "renshe.screen"
    label = "screen"
    verbose_name = "大屏"
