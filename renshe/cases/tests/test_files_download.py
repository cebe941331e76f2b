"""/cases/<case>/materials|documents/<pk>/download/: only for who can see the case, streamed, audited."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from django.urls import reverse

from renshe import testing
from renshe.audit.models import AuditAction, AuditEntry
from renshe.cases import services
from renshe.cases.documents import case_document_issue
from renshe.cases.testing import PDF_BYTES, material_ids, pdf, service_item

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def case(citizen):
    item = service_item()
    ids = material_ids(item)
    return services.case_submit(
        actor=citizen,
        item=item,
        applicant=citizen.person,
        channel="web",
        form_data={"reason": "其他"},
        files={ids["居民身份证"]: pdf("张三的身份证.pdf"), ids["解除劳动合同证明"]: pdf("证明.pdf")},
    )


def _material_url(case, name="居民身份证"):
    cm = case.materials.get(material__name=name)
    return reverse("cases:material_download", kwargs={"case_pk": case.pk, "pk": cm.pk})


def _downloads(case):
    return AuditEntry.objects.filter(action=AuditAction.EXPORT, object_type="cases.case", object_id=str(case.pk))


def test_the_applicant_downloads_their_material(client, citizen, case):
    client.force_login(citizen)
    response = client.get(_material_url(case))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment")
    assert f"filename*=utf-8''{quote('张三的身份证.pdf')}" in disposition
    entry = _downloads(case).get()
    assert entry.actor_id == citizen.pk
    assert entry.changes["file"] == [None, "张三的身份证.pdf"]
    assert entry.changes["kind"] == [None, "material"]


def test_every_download_is_audited(client, clerk_maonan, case):
    client.force_login(clerk_maonan)
    for _ in range(3):
        assert client.get(_material_url(case)).status_code == 200
    assert _downloads(case).count() == 3
    assert set(_downloads(case).values_list("actor_username", flat=True)) == {"clerk_maonan"}


def test_who_cannot_see_the_case_gets_not_found_and_no_audit(client, clerk_gaozhou, case):
    outsiders = [
        clerk_gaozhou,
        testing.citizen("citizen_ls", name="李四"),
        testing.staff("stat", "statistician", "440900"),
    ]
    for user in outsiders:
        client.force_login(user)
        assert client.get(_material_url(case)).status_code == 404
    assert _downloads(case).count() == 0


def test_anonymous_is_sent_to_login(client, case):
    response = client.get(_material_url(case))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert _downloads(case).count() == 0


def test_a_material_of_another_case_is_not_served_under_this_one(client, citizen, case):
    other = testing.citizen("citizen_ls", name="李四")
    item = case.item_version.item
    ids = material_ids(item)
    foreign = services.case_submit(
        actor=other,
        item=item,
        applicant=other.person,
        channel="web",
        form_data={"reason": "其他"},
        files={ids["居民身份证"]: pdf("李四.pdf"), ids["解除劳动合同证明"]: pdf()},
    )
    cm = foreign.materials.get(material__name="居民身份证")
    client.force_login(citizen)
    url = reverse("cases:material_download", kwargs={"case_pk": case.pk, "pk": cm.pk})
    assert client.get(url).status_code == 404


def test_a_deferred_material_has_no_file(client, citizen):
    item = service_item()
    ids = material_ids(item)
    case = services.case_submit(
        actor=citizen,
        item=item,
        applicant=citizen.person,
        channel="web",
        form_data={"reason": "其他"},
        files={ids["居民身份证"]: pdf()},
        deferred=[ids["解除劳动合同证明"]],
        commitment="本人承诺补交",
    )
    client.force_login(citizen)
    assert client.get(_material_url(case, "解除劳动合同证明")).status_code == 404


def test_a_file_missing_on_disk_is_not_found(client, citizen, case, tmp_path):
    for path in (tmp_path / "uploads").iterdir():
        path.unlink()
    client.force_login(citizen)
    assert client.get(_material_url(case)).status_code == 404
    assert _downloads(case).count() == 0


def test_only_reads_are_allowed(client, citizen, case):
    client.force_login(citizen)
    assert client.post(_material_url(case)).status_code == 405


def test_a_notice_is_downloaded_as_pdf(client, citizen, clerk_maonan, case, clerk_gaozhou):
    case = services.case_transition(case=case, action="accept", actor=clerk_maonan)
    doc = case_document_issue(case_id=case.pk, kind="acceptance")
    url = reverse("cases:document_download", kwargs={"case_pk": case.pk, "pk": doc.pk})
    client.force_login(citizen)
    response = client.get(url)
    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    assert body.startswith(b"%PDF")
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert quote(f"{case.number}-受理通知书.pdf") in response["Content-Disposition"]
    entry = _downloads(case).get()
    assert entry.changes["kind"] == [None, "document"] and entry.changes["name"] == [None, "受理通知书"]
    client.force_login(clerk_gaozhou)
    assert client.get(url).status_code == 404
    assert _downloads(case).count() == 1
