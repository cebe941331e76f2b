from django.apps import AppConfig


class InspectionConfig(AppConfig):
    name = "renshe.labour.inspection"
    label = "inspection"
    verbose_name = "劳动保障监察"
