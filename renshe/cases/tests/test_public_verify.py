"""The public status page behind a notice's QR code (renshe.cases.public_views.verify)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from renshe import testing
from renshe.cases import services
from renshe.cases.testing import material_ids, pdf, service_item

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_verify_page_shows_the_case_and_no_personal_data(client, clerk_maonan):
    user = testing.citizen(name="王小明", phone="13812345678")
    item = service_item()
    ids = material_ids(item)
    case = services.case_submit(
        actor=user,
        item=item,
        applicant=user.person,
        channel="web",
        form_data={"reason": "其他"},
        files={ids["居民身份证"]: pdf(), ids["解除劳动合同证明"]: pdf("证明.pdf")},
    )
    case = services.case_transition(case=case, action="accept", actor=clerk_maonan, expected_version=case.version)
    response = client.get(reverse("cases:verify", args=[case.verify_token]))
    body = response.content.decode()
    assert response.status_code == 200
    assert case.number in body and "测试事项" in body and "审核中" in body
    assert case.accepted_on.strftime("%Y-%m-%d") in body
    person = user.person
    for secret in (
        person.name,
        person.id_number,
        person.masked_id_number,
        person.masked_name,
        "13812345678",
        "138****5678",
    ):
        assert secret not in body, secret
    assert person.residence_region.name not in body  # not even the town
    assert "其他" not in body.split('data-testid="verify"')[1]  # nor the form data
    assert response["X-Robots-Tag"].startswith("noindex")


def test_unknown_token_is_404(client):
    assert client.get(reverse("cases:verify", args=["no-such-token"])).status_code == 404
