from django.apps import AppConfig


class WagesConfig(AppConfig):
    name = "renshe.labour.wages"
    label = "wages"
    verbose_name = "农民工工资支付监控"
