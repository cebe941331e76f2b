from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "renshe.audit"
    label = "audit"
