"""The yearly credit rating with records given as plain dicts; re-runs keep manual adjustments."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from renshe import testing
from renshe.audit.models import AuditEntry
from renshe.labour.contracts import services_credit as svc
from renshe.labour.contracts.models import BlacklistEntry, CreditRating
from renshe.labour.contracts.tests.support import inspector

pytestmark = pytest.mark.django_db


@pytest.fixture
def three():
    return [testing.employer(name=n) for n in ("甲公司", "乙公司", "丙公司")]


def _grades():
    return {r.employer.name: r.grade for r in CreditRating.objects.select_related("employer")}


def test_run_with_records_as_inputs(three):
    a, b, c = three
    inspection = {b.pk: {"violations": 1}, c.pk: {"violations": 1, "penalties": 1, "penalty_amount": "5000"}}
    dispute = {a.pk: {"cases": 1, "awards_against": 0}}
    result = svc.credit_rating_run(year=2025, inspection=inspection, dispute=dispute)
    assert (result["A"], result["B"], result["C"], result["created"]) == (1, 1, 1, 3)
    assert _grades() == {"甲公司": "A", "乙公司": "B", "丙公司": "C"}
    rating = CreditRating.objects.get(employer=c)
    assert "行政处罚" in rating.reasons[0] and rating.inputs["inspection"]["penalties"] == 1


def test_rerun_replaces_computed_and_keeps_adjusted(three):
    a, b, _c = three
    admin = testing.staff("admin_city", "admin", "440900")
    svc.credit_rating_run(year=2025, inspection={b.pk: {"violations": 1}}, dispute={})
    rating_b = CreditRating.objects.get(employer=b)
    with pytest.raises(ValidationError):
        svc.credit_rating_adjust(actor=admin, rating=rating_b, grade="A", reason="")
    svc.credit_rating_adjust(actor=admin, rating=rating_b, grade="A", reason="复核：已全部整改，情节轻微")
    result = svc.credit_rating_run(
        year=2025, inspection={a.pk: {"refused_inspection": True}, b.pk: {"violations": 2}}, dispute={}
    )
    assert result["kept_adjusted"] == 1 and result["updated"] == 2 and result["created"] == 0
    assert _grades() == {"甲公司": "C", "乙公司": "A", "丙公司": "A"}
    kept = CreditRating.objects.get(employer=b)
    assert kept.adjusted and kept.adjust_reason.startswith("复核") and kept.computed_grade == "B"
    assert AuditEntry.objects.filter(object_type="contracts.creditrating", object_id=str(kept.pk)).exists()


def test_blacklisted_employer_is_c(three):
    a, _b, _c = three
    admin = testing.staff("admin_city", "admin", "440900")
    BlacklistEntry.objects.create(
        employer=a,
        ground="arrears",
        facts="x",
        arrears_amount=50000,
        order_date=date(2025, 1, 1),
        status="listed",
        notified_on=date(2025, 1, 10),
        listed_on=date(2025, 1, 20),
        ends_on=date(2028, 1, 20),
        proposed_by=admin,
    )
    svc.credit_rating_run(year=2025, inspection={}, dispute={})
    assert _grades()["甲公司"] == "C"


def test_missing_sources_are_reported(three, monkeypatch):
    monkeypatch.setattr(svc, "SOURCES", {"inspection": ("renshe.nowhere", "f"), "dispute": ("renshe.nowhere", "g")})
    result = svc.credit_rating_run(year=2025)
    assert result["missing"] == ["dispute", "inspection"]
    assert CreditRating.objects.first().inputs["missing_sources"] == ["dispute", "inspection"]


def test_publication_of_c_rated_in_the_actors_region(three):
    a, _b, _c = three
    gz = testing.employer(name="高州丁公司", region=testing.GAOZHOU_TOWN)
    svc.credit_rating_run(year=2025, inspection={a.pk: {"orders_unmet": 1}, gz.pk: {"orders_unmet": 1}}, dispute={})
    maonan_inspector = inspector("inspector_maonan", "440902")
    assert svc.credit_ratings_publish(actor=maonan_inspector, year=2025, today=date(2026, 2, 1)) == 1
    assert set(CreditRating.objects.filter(published_on__isnull=False).values_list("employer__name", flat=True)) == {
        "甲公司"
    }


def test_who_may_rate(three, clerk_maonan):
    with pytest.raises(PermissionDenied):
        svc.credit_rating_run(year=2025, actor=clerk_maonan, inspection={}, dispute={})
    maonan_inspector = inspector("inspector_maonan", "440902")
    gz = testing.employer(name="高州丁公司", region=testing.GAOZHOU_TOWN)
    result = svc.credit_rating_run(year=2025, actor=maonan_inspector, inspection={}, dispute={})
    assert result["rated"] == 3 and not CreditRating.objects.filter(employer=gz).exists()


def test_command_twice(three):
    call_command("rate_employers", "--year", "2025")
    call_command("rate_employers", "--year", "2025")
    assert CreditRating.objects.filter(year=2025).count() == 3


def test_the_other_apps_records_are_read_through_their_selectors(three):
    a, _b, _c = three
    result = svc.credit_rating_run(year=2025)
    assert result["missing"] == [] and result["A"] == 3
    rating = CreditRating.objects.get(employer=a)
    assert "missing_sources" not in rating.inputs and rating.inputs["inspection"]["cases"] == 0
