"""Permissions of the majorprojects app granted to each role (merged by renshe.accounts.permissions)."""

ROLE_PERMISSIONS: dict[str, list[str]] = {}
