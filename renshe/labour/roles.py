"""Permissions of the labour app granted to each role (merged by renshe.accounts.permissions)."""

_VIEW = ["labour.view_arbitrationcase", "labour.view_hearingroom", "labour.view_hearing"]

ROLE_PERMISSIONS: dict[str, list[str]] = {
    # The arbitration commission: accepts, tries, decides; approves extensions (the commission's
    # director signs in as an arbitrator account of the commission).
    "arbitrator": [
        *_VIEW,
        "labour.handle_arbitration",
        "labour.approve_arbitration_extension",
        "labour.file_arbitration",
        "labour.view_arbitration_stats",
    ],
    # The window files an application for a walk-in applicant, and follows it.
    "clerk": ["labour.view_arbitrationcase", "labour.file_arbitration"],
    # A failed mediation referred to arbitration (renshe.labour.mediation).
    "mediator": ["labour.file_arbitration"],
    "leader": ["labour.view_arbitration_stats"],
    "statistician": ["labour.view_arbitration_stats"],
    "admin": [
        *_VIEW,
        "labour.handle_arbitration",
        "labour.approve_arbitration_extension",
        "labour.file_arbitration",
        "labour.view_arbitration_stats",
        "labour.add_hearingroom",
        "labour.change_hearingroom",
    ],
}
