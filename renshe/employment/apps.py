from django.apps import AppConfig

# Catalogue items whose approval has an effect here (renshe/catalog/data/catalogue.py).
ITEM_UNEMPLOYMENT_REGISTRATION = "RS-JY-001"  # 失业登记
ITEM_EMPLOYMENT_REGISTRATION = "RS-JY-002"  # 就业登记
ITEM_DIFFICULTY_RECOGNITION = "RS-JY-004"  # 就业困难人员认定
ITEM_GUARANTEE_LOAN = "RS-JY-008"  # 创业担保贷款申请


class EmploymentConfig(AppConfig):
    name = "renshe.employment"
    label = "employment"
    verbose_name = "就业创业"

    def ready(self) -> None:
        # Only registrations in memory: no database work here (STYLE.md).
        from renshe.cases.services import approval_handler_register
        from renshe.employment.assistance import on_difficulty_case_approved, on_unemployment_case_approved
        from renshe.employment.enterprise import on_loan_case_approved
        from renshe.employment.monitoring import on_employment_case_approved

        approval_handler_register(ITEM_UNEMPLOYMENT_REGISTRATION, on_unemployment_case_approved)
        approval_handler_register(ITEM_EMPLOYMENT_REGISTRATION, on_employment_case_approved)
        approval_handler_register(ITEM_DIFFICULTY_RECOGNITION, on_difficulty_case_approved)
        approval_handler_register(ITEM_GUARANTEE_LOAN, on_loan_case_approved)
