import pytest

from renshe import testing
from renshe.accounts.models import Role


@pytest.fixture
def leader(db):
    return testing.staff("leader_t", Role.LEADER, "440900")


@pytest.fixture
def district_statistician(db):
    return testing.staff("stat_maonan", Role.STATISTICIAN, "440902")
