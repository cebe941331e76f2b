"""Fixtures every test may use: the fixed personas of renshe.testing."""

import os

os.environ.setdefault("RENSHE_TESTING", "1")

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from renshe import testing
from renshe.accounts.models import Role
from renshe.core import workdays
from renshe.employment.matching_index import job_index


@pytest.fixture(autouse=True)
def _clear_cache():
    # workdays caches administrator-entered calendar days per process for a minute: a test's
    # CalendarDay rows must not leak into the next test through it.
    cache.clear()
    workdays.clear_cache()
    # A request in English leaves English active in this thread (LocaleMiddleware does not reset
    # it): start every test in the platform's language.
    translation.activate(settings.LANGUAGE_CODE)
    # The job-matching index lives in the process; a test must not see the jobs of the one before.
    job_index().reset()
    yield
    cache.clear()
    workdays.clear_cache()
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def clerk_maonan(db):
    return testing.staff("clerk_maonan", Role.CLERK, "440902")


@pytest.fixture
def reviewer_maonan(db):
    return testing.staff("reviewer_maonan", Role.REVIEWER, "440902")


@pytest.fixture
def clerk_gaozhou(db):
    return testing.staff("clerk_gaozhou", Role.CLERK, "440981")


@pytest.fixture
def city_admin(db):
    return testing.staff("city_admin", Role.ADMIN, "440900")


@pytest.fixture
def auditor(db):
    return testing.staff("auditor", Role.AUDITOR, "440900")


@pytest.fixture
def statistician(db):
    return testing.staff("statistician", Role.STATISTICIAN, "440900")


@pytest.fixture
def citizen(db):
    return testing.citizen()


@pytest.fixture
def employer_user(db):
    return testing.employer_user()


@pytest.fixture
def maonan_person(db):
    return testing.person(name="张三", region=testing.MAONAN_TOWN)


@pytest.fixture
def gaozhou_person(db):
    return testing.person(name="李四", region=testing.GAOZHOU_TOWN)


def pytest_collection_modifyitems(config, items):
    """Tests marked ``postgres_only`` are deselected (not skipped) when the database is not PostgreSQL."""
    if os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        return
    kept = [item for item in items if item.get_closest_marker("postgres_only") is None]
    if len(kept) != len(items):
        config.hook.pytest_deselected(items=[item for item in items if item not in kept])
        items[:] = kept
