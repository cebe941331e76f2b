"""Live-server tests run on a transactional database that Django empties after each test, migrated
reference data included; the browser fixtures put it back. Run twice in a row to prove it."""

import pytest
from django.contrib.auth.models import Group

from renshe import testing
from renshe.accounts.models import Role
from renshe.core import reference
from renshe.core.models import Industry, Region

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("turn", ["first", "second"])
def test_reference_data_is_whole_in_every_live_server_test(site, turn):
    assert Region.objects.count() == 1 + len(reference.COUNTIES) + len(reference.town_rows())
    assert Industry.objects.count() == len(reference.INDUSTRIES)
    assert Group.objects.filter(name=Role.CLERK).exists()
    # Leave rows behind for the flush to remove.
    testing.person(name="张三", region=testing.MAONAN_TOWN)
    testing.staff("clerk_maonan", Role.CLERK, "440902")
