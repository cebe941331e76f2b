"""The demo seed: three projects, a red W3 warning once the job runs, a partner bank; twice = once."""

import pytest

from renshe import testing
from renshe.labour.wages.demo import demo_seed
from renshe.labour.wages.models import BankTransaction, Partner, Project, WageWarning

pytestmark = pytest.mark.django_db


def test_demo_seed_is_idempotent_and_shows_a_w3_warning():
    testing.employer_user("employer_demo")
    testing.citizen("citizen_demo", name="张三")
    for i in range(4):
        testing.person(name=f"茂南工人{i}", region=testing.MAONAN_TOWN)
        testing.person(name=f"高州工人{i}", region=testing.GAOZHOU_TOWN)
    said = []
    first = demo_seed(scale="small", progress=said.append)
    counts = (
        Project.objects.count(),
        BankTransaction.objects.count(),
        WageWarning.objects.count(),
        Partner.objects.count(),
    )
    second = demo_seed(scale="small", progress=said.append)
    assert counts[0] == 3 and counts[3] == 1
    assert (
        Project.objects.count(),
        BankTransaction.objects.count(),
        WageWarning.objects.count(),
        Partner.objects.count(),
    ) == counts
    assert (
        first["projects"] == 3
        and first["partner_token"]
        and second == {"projects": 0, "warnings_opened": 0, "partner_token": False}
    )
    w3 = WageWarning.objects.get(rule="W3")
    assert w3.project.code == "DEMO-WG-002" and w3.region_id.startswith("440981")
    assert WageWarning.objects.filter(rule="W1", project__code="DEMO-WG-003").exists()
    assert any("接口令牌" in line for line in said)
    from renshe.accounts.models import User
    from renshe.labour.wages.selectors import my_payroll_lines

    lines = my_payroll_lines(viewer=User.objects.get(username="citizen_demo"))
    assert lines.filter(signature="none").count() == 1 and lines.count() >= 2
