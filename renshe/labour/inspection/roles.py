"""Permissions of the inspection app granted to each role (merged by renshe.accounts.permissions)."""

VIEW = ["inspection.view_complaint", "inspection.view_inspectioncase", "inspection.view_inspectionplan"]
STATS = ["inspection.view_inspection_stats"]

ROLE_PERMISSIONS: dict[str, list[str]] = {
    # the front desk may enter phone and walk-in complaints (and see them)
    "clerk": ["inspection.view_complaint", "inspection.enter_complaint"],
    "inspector": VIEW
    + STATS
    + ["inspection.enter_complaint", "inspection.handle_complaint", "inspection.act_inspection"],
    # the leader (or inspector-in-charge) approves extensions and recusals, runs draws, keeps the grid
    "leader": VIEW + STATS + ["inspection.approve_extension", "inspection.manage_draws", "inspection.manage_grid"],
    "admin": VIEW
    + STATS
    + [
        "inspection.enter_complaint",
        "inspection.handle_complaint",
        "inspection.act_inspection",
        "inspection.approve_extension",
        "inspection.manage_draws",
        "inspection.manage_grid",
    ],
    "statistician": STATS,
}
