"""Permissions of the majorprojects app granted to each role (merged by renshe.accounts.permissions).

The ledger is read by the leaders, the statisticians, the administrators and the auditors; the
project office (统计/规划 staff: the ``statistician`` role, and ``admin``) reports quarterly progress."""

VIEW = "majorprojects.view_majorproject"
REPORT = "majorprojects.report_progress"

ROLE_PERMISSIONS: dict[str, list[str]] = {
    "leader": [VIEW],
    "statistician": [VIEW, REPORT],
    "admin": [VIEW, REPORT],
    "auditor": [VIEW],
}
