"""Permissions of the mediation app granted to each role (merged by renshe.accounts.permissions)."""

VIEW = "mediation.view_mediationcase"
MEDIATE = "mediation.mediate_case"
STATS = "mediation.view_mediation_stats"
ORGS = "mediation.manage_mediation_organisations"

ROLE_PERMISSIONS: dict[str, list[str]] = {
    "mediator": [VIEW, MEDIATE, STATS],
    "arbitrator": [VIEW],
    "leader": [VIEW, STATS],
    "statistician": [STATS],
    "admin": [VIEW, STATS, ORGS],
}
