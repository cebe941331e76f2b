"""The demo seed is idempotent; the loader command; evidence downloads are scoped and audited."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from renshe import testing
from renshe.accounts.models import Role
from renshe.audit.models import AuditEntry
from renshe.planning import demo
from renshe.planning.models import Indicator, IndicatorValue
from renshe.planning.services import value_record

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_demo_seed_twice_creates_nothing_the_second_time(db):
    testing.staff("statistician", Role.STATISTICIAN, "440900")
    demo.demo_seed(scale="small")
    first = IndicatorValue.objects.count()
    assert first == sum(len(v) for v in demo.CITY_VALUES.values()) + sum(len(v) for v in demo.COUNTY_VALUES.values())
    assert set(IndicatorValue.objects.values_list("source", flat=True)) == {demo.DEMO_SOURCE}
    demo.demo_seed(scale="small")
    assert IndicatorValue.objects.count() == first


def test_demo_values_pass_the_entry_checks_and_are_plan_years():
    assert all(len(values) <= 5 for values in demo.CITY_VALUES.values())


def test_load_indicators_command_is_idempotent(capsys):
    call_command("load_indicators")
    assert "0 created, 0 updated" in capsys.readouterr().out
    assert Indicator.objects.filter(code="Z13-01", target_year=2022).exists()


def test_evidence_download_is_audited_and_scoped(client, statistician, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    row = value_record(
        actor=statistician,
        indicator=Indicator.objects.get(code="Z2-03"),
        year=2023,
        value="34.2",
        source="年报",
        evidence=SimpleUploadedFile("年报.pdf", PDF),
    )
    client.force_login(statistician)
    response = client.get(f"/planning/values/{row.pk}/evidence/")
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert AuditEntry.objects.filter(object_id=str(row.pk), action="export").exists()
    county = testing.staff("stat_gaozhou", Role.STATISTICIAN, "440981")
    client.force_login(county)
    assert client.get(f"/planning/values/{row.pk}/evidence/").status_code == 404
