from django.apps import AppConfig


class MediationConfig(AppConfig):
    name = "renshe.labour.mediation"
    label = "mediation"
    verbose_name = "劳动争议调解"
