"""Entering values: bounds, periods, districts, corrections as new versions, permissions, audit."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from renshe.audit.models import AuditEntry
from renshe.planning.models import Indicator, IndicatorValue
from renshe.planning.services import value_record

pytestmark = pytest.mark.django_db


def ind(code: str) -> Indicator:
    return Indicator.objects.get(code=code)


def record(actor, code="Z2-03", **kw):
    kw.setdefault("year", 2023)
    kw.setdefault("value", "34.2")
    kw.setdefault("source", "市社保局年报")
    return value_record(actor=actor, indicator=ind(code), **kw)


def test_a_value_is_recorded_with_its_provenance_and_audited(statistician):
    row = record(statistician, note="年末数")
    assert (row.value, row.version, row.is_current, row.region_code, row.month) == (
        Decimal("34.2"),
        1,
        True,
        "440900",
        0,
    )
    assert row.entered_by == statistician and row.source == "市社保局年报"
    entry = AuditEntry.objects.get(object_type="planning.indicatorvalue", object_id=str(row.pk))
    assert entry.action == "create" and entry.changes["indicator"] == "Z2-03"


def test_a_correction_is_a_new_version_and_keeps_the_old(statistician):
    first = record(statistician)
    with pytest.raises(ValidationError) as err:
        record(statistician, value="34.3")
    assert "reason" in err.value.message_dict
    second = record(statistician, value="34.3", reason="社保局更正年报")
    first.refresh_from_db()
    assert not first.is_current and second.is_current and second.version == 2 and second.supersedes == first
    assert IndicatorValue.objects.filter(indicator__code="Z2-03").count() == 2
    assert AuditEntry.objects.filter(object_id=str(second.pk), action="update").exists()


@pytest.mark.parametrize(
    ("code", "fields", "field"),
    [
        ("Z2-02", {"value": "101"}, "value"),  # a percentage over 100
        ("Z2-02", {"value": "-1"}, "value"),
        ("Z2-03", {"value": "-3"}, "value"),  # a negative count
        ("Z2-03", {"value": "3450"}, "value"),  # 10× the target: 人 typed for 万人
        ("Z2-12", {"value": "300000"}, "value"),
        ("Z2-03", {"value": "abc"}, "value"),
        ("Z2-03", {"value": "NaN"}, "value"),
        ("Z2-03", {"year": 2020}, "year"),
        ("Z2-03", {"year": 2026}, "year"),
        ("Z2-03", {"month": 13}, "month"),
        ("Z2-03", {"region_code": "440903"}, "region_code"),  # not one of the five counties
        ("Z2-03", {"source": "  "}, "source"),
    ],
)
def test_bad_input_is_refused_naming_the_field(statistician, code, fields, field):
    with pytest.raises(ValidationError) as err:
        record(statistician, code=code, **fields)
    assert field in err.value.message_dict
    assert not IndicatorValue.objects.exists()


def test_the_unit_is_named_in_the_refusal(statistician):
    with pytest.raises(ValidationError) as err:
        record(statistician, value="3450")
    assert "万人" in err.value.message_dict["value"][0]


@pytest.mark.parametrize("code", ["Z2-01", "Z2-14", "T2-03", "Z1-04"])
def test_computed_restating_and_historical_indicators_take_no_entries(statistician, code):
    with pytest.raises(ValidationError):
        record(statistician, code=code, value="1")


def test_permission_and_region(leader, district_statistician, statistician):
    with pytest.raises(PermissionDenied):
        record(leader)
    with pytest.raises(ValidationError) as err:
        record(district_statistician)  # a county statistician enters its county, not the city
    assert "region_code" in err.value.message_dict
    assert record(district_statistician, region_code="440902", value="9.8").region_code == "440902"
    with pytest.raises(ValidationError):
        record(district_statistician, region_code="440981", value="6.9")


def test_evidence_is_checked_by_content(statistician, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    fake = SimpleUploadedFile("evidence.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    with pytest.raises(ValidationError) as err:
        record(statistician, evidence=fake)
    assert "evidence" in err.value.message_dict
    assert not IndicatorValue.objects.exists()
    pdf = SimpleUploadedFile("年报.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    row = record(statistician, evidence=pdf)
    assert row.evidence.original_name == "年报.pdf"
