"""Permissions of the screen app granted to each role (merged by renshe.accounts.permissions)."""

from renshe.accounts.models import Role

ROLE_PERMISSIONS: dict[str, list[str]] = {
    Role.LEADER: ["screen.view_screen"],
    Role.STATISTICIAN: ["screen.view_screen"],
    Role.ADMIN: ["screen.view_screen", "screen.configure_screen"],
}
