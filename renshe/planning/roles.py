"""Permissions of the planning app granted to each role (merged by renshe.accounts.permissions).

Statisticians keep the figures (enter values, export the evaluation reports); leaders read the
register and its reports; administrators may do everything."""

from renshe.accounts.models import Role

VIEW = "planning.view_register"
ENTER = "planning.enter_indicator_value"
EXPORT = "planning.export_indicator_report"

ROLE_PERMISSIONS: dict[str, list[str]] = {
    Role.STATISTICIAN: [VIEW, ENTER, EXPORT],
    Role.LEADER: [VIEW, EXPORT],
    Role.ADMIN: [VIEW, ENTER, EXPORT],
}
