"""Permissions of the contracts app granted to each role (merged by renshe.accounts.permissions).

Employers act on their own records by role (no permission needed); staff by these permissions, always
within their region.
"""

from renshe.accounts.models import Role

CONTRACTS_VIEW = ["contracts.view_labourcontract", "contracts.view_signing_rate"]
LICENCES_VIEW = ["contracts.view_dispatchlicence"]
LICENCES_DECIDE = ["contracts.decide_dispatchlicence"]
CREDIT_VIEW = ["contracts.view_creditrating", "contracts.view_blacklistentry"]
CREDIT_MANAGE = ["contracts.rate_employers", "contracts.manage_blacklist"]

ROLE_PERMISSIONS: dict[str, list[str]] = {
    Role.CLERK: CONTRACTS_VIEW + LICENCES_VIEW,
    Role.REVIEWER: CONTRACTS_VIEW + LICENCES_VIEW + LICENCES_DECIDE,
    Role.INSPECTOR: CONTRACTS_VIEW + LICENCES_VIEW + CREDIT_VIEW + CREDIT_MANAGE,
    Role.LEADER: CONTRACTS_VIEW + LICENCES_VIEW + CREDIT_VIEW,
    Role.STATISTICIAN: ["contracts.view_signing_rate", *LICENCES_VIEW, *CREDIT_VIEW],
    Role.ADMIN: CONTRACTS_VIEW + LICENCES_VIEW + LICENCES_DECIDE + CREDIT_VIEW + CREDIT_MANAGE,
}
