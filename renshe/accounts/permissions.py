"""Named permissions granted to each role: the one place that says who may do what.

Later modules keep their own grants in ``renshe/<app>/roles.py`` (a ``ROLE_PERMISSIONS`` dict of
the same shape); ``role_permissions()`` merges them with the table here.

Groups named after the roles are kept in step with this table after every ``migrate``
(``renshe.accounts.apps``), so administrators can see them in the admin, and a user's
permissions follow their role (``renshe.accounts.services.user_create``).
"""

from __future__ import annotations

from importlib import import_module
from importlib.util import find_spec

from django.conf import settings

from renshe.accounts.models import Role

REGISTRY_READ = ["registry.view_person", "registry.view_employer", "registry.view_employment"]
REGISTRY_WRITE = [
    "registry.add_person",
    "registry.change_person",
    "registry.add_employer",
    "registry.change_employer",
    "registry.add_employment",
    "registry.change_employment",
    "registry.import_registry",
    "registry.export_registry",
]
REVEAL = ["registry.reveal_personal_data"]
CASE_VIEW = ["cases.view_case"]
CASE_FRONT = ["cases.accept_case", "cases.deliver_case", "cases.apply_on_behalf"]
CASE_REVIEW = ["cases.review_case"]
CASE_METRICS = ["cases.view_case_metrics"]
EMPLOYMENT_FRONT = [
    "employment.manage_assistance",
    "employment.check_in_fair",
    "employment.view_jobseeker",
    "employment.view_job",
]
EMPLOYMENT_REVIEW = [
    "employment.review_job",
    "employment.manage_jobs",
    "employment.manage_fairs",
    "employment.view_job",
]

ROLE_PERMISSIONS: dict[str, list[str]] = {
    Role.CITIZEN: [],
    Role.EMPLOYER: [],
    Role.TRAINING_ORG: [],
    Role.CLERK: REGISTRY_READ + REGISTRY_WRITE + REVEAL + CASE_VIEW + CASE_FRONT + EMPLOYMENT_FRONT,
    Role.REVIEWER: REGISTRY_READ
    + REVEAL
    + ["registry.export_registry"]
    + CASE_VIEW
    + CASE_REVIEW
    + CASE_METRICS
    + EMPLOYMENT_REVIEW,
    Role.MEDIATOR: REGISTRY_READ,
    Role.ARBITRATOR: REGISTRY_READ + REVEAL,
    Role.INSPECTOR: REGISTRY_READ + REVEAL,
    Role.STATISTICIAN: CASE_METRICS,
    Role.LEADER: CASE_VIEW + CASE_REVIEW + CASE_METRICS,
    Role.ADMIN: REGISTRY_READ
    + REGISTRY_WRITE
    + REVEAL
    + CASE_VIEW
    + CASE_FRONT
    + CASE_REVIEW
    + CASE_METRICS
    + EMPLOYMENT_FRONT
    + EMPLOYMENT_REVIEW
    + ["accounts.manage_users", "core.manage_reference", "catalog.manage_catalog"],
    Role.AUDITOR: ["audit.view_auditentry"],
}


def role_permissions() -> dict[str, list[str]]:
    """This table merged with every domain app's ``roles.ROLE_PERMISSIONS`` (settings.DOMAIN_APPS)."""
    merged = {role: list(perms) for role, perms in ROLE_PERMISSIONS.items()}
    for app in settings.DOMAIN_APPS:
        if find_spec(f"{app}.roles") is None:
            continue
        for role, perms in import_module(f"{app}.roles").ROLE_PERMISSIONS.items():
            merged.setdefault(role, [])
            merged[role] += [p for p in perms if p not in merged[role]]
    return merged
