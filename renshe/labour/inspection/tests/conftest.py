"""Personas of the inspection tests: inspectors of 茂南 and 高州, a leader, an employer in 茂南."""

import pytest

from renshe import testing
from renshe.accounts.models import Role
from renshe.labour.inspection.tests import inspection_testing as it


@pytest.fixture
def inspector_a(db):
    return testing.staff("insp_a", Role.INSPECTOR, "440902")


@pytest.fixture
def inspector_b(db):
    return testing.staff("insp_b", Role.INSPECTOR, "440902")


@pytest.fixture
def inspector_c(db):
    return testing.staff("insp_c", Role.INSPECTOR, "440902")


@pytest.fixture
def inspector_gz(db):
    return testing.staff("insp_gz", Role.INSPECTOR, "440981")


@pytest.fixture
def leader_maonan(db):
    return testing.staff("leader_mn", Role.LEADER, "440902")


@pytest.fixture
def firm(db):
    return testing.employer(name="茂名市欠薪测试有限公司")


@pytest.fixture
def open_case(inspector_a, firm):
    return it.case(inspector_a, firm)
