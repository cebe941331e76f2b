"""Permissions of the mediation app granted to each role (merged by renshe.accounts.permissions)."""

ROLE_PERMISSIONS: dict[str, list[str]] = {}
