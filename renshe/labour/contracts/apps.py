from django.apps import AppConfig


class ContractsConfig(AppConfig):
    name = "renshe.labour.contracts"
    label = "contracts"
    verbose_name = "劳动合同与劳务派遣"
