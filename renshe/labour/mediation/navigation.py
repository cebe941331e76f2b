"""The mediation app's sections of the workbench menu (merged by renshe.core.navigation)."""

from renshe.core.navigation import MenuItem  # noqa: F401 — used as the app adds items

MENU: list = []
