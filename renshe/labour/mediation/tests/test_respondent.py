"""The respondent's side: an employer account sees the mediation cases filed against it, read only."""

from __future__ import annotations

import pytest
from django.urls import reverse

from renshe.labour.mediation.tests.conftest import apply

pytestmark = pytest.mark.django_db


@pytest.fixture
def case_against(citizen, orgs, employer_user):
    return apply(
        citizen, orgs["town"], respondent_employer=employer_user.employer, respondent_name=employer_user.employer.name
    )


def test_the_employer_lists_and_opens_the_case_against_it(client, employer_user, case_against, citizen, orgs):
    other = apply(citizen, orgs["town"])
    client.force_login(employer_user)
    listing = client.get(reverse("mediation:my_cases")).content.decode()
    assert case_against.number in listing and other.number not in listing
    assert "本单位的劳动争议调解" in listing and 'data-testid="apply"' not in listing
    assert f"申请人：{citizen.person.name}" in listing
    page = client.get(reverse("mediation:my_case", args=[case_against.pk])).content.decode()
    assert case_against.number in page and "撤回调解申请" not in page and "一键申请仲裁" not in page
    assert client.get(reverse("mediation:my_case", args=[other.pk])).status_code == 404


def test_the_employer_cannot_act_apply_or_open_staff_pages(client, employer_user, case_against):
    client.force_login(employer_user)
    assert client.post(reverse("mediation:my_act", args=[case_against.pk, "withdraw"])).status_code == 403
    case_against.refresh_from_db()
    assert case_against.status == "pending"
    assert client.get(reverse("mediation:apply")).status_code == 403
    assert client.get(reverse("mediation:case_detail", args=[case_against.pk])).status_code == 403


def test_the_api_shows_the_employer_only_its_cases(client, employer_user, case_against, citizen, orgs):
    apply(citizen, orgs["town"])
    client.force_login(employer_user)
    body = client.get("/api/v1/mediation-cases/").json()
    assert [row["number"] for row in body["results"]] == [case_against.number]
