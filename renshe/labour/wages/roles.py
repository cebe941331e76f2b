"""Permissions of the wages app granted to each role (merged by renshe.accounts.permissions).

Contractors (employer accounts) and workers (citizen accounts) act on their own records only; the
services check ownership, so they need no named permission here.
"""

from renshe.accounts.models import Role

VIEW = [
    "wages.monitor_wages",
    "wages.view_project",
    "wages.view_wagewarning",
    "wages.view_payroll",
    "wages.view_banktransaction",
]
HANDLE = ["wages.handle_wage_warning", "wages.import_bank_file"]

ROLE_PERMISSIONS: dict[str, list[str]] = {
    Role.INSPECTOR: VIEW + HANDLE,
    Role.LEADER: VIEW + HANDLE,
    Role.ADMIN: VIEW + HANDLE + ["wages.manage_partners"],
    Role.STATISTICIAN: VIEW,
}
