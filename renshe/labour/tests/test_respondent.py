"""The respondent's side: an employer account sees the arbitration cases filed against it — and only those."""

from __future__ import annotations

import pytest
from django.urls import reverse

from renshe import testing
from renshe.labour.tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def case_against(citizen, employer_user):
    return f.apply(citizen, employer=employer_user.employer)


def test_the_employer_lists_and_opens_the_case_filed_against_it(client, employer_user, case_against, citizen):
    other = f.apply(citizen, employer=testing.employer(name="茂名市别家有限公司"))
    client.force_login(employer_user)
    listing = client.get(reverse("labour:my_cases")).content.decode()
    assert case_against.number in listing and other.number not in listing
    assert "本单位的仲裁案件" in listing and 'data-testid="new-application"' not in listing
    assert f"申请人：{citizen.person.name}" in listing

    page = client.get(reverse("labour:my_case", args=[case_against.pk])).content.decode()
    assert case_against.number in page and 'data-testid="withdraw"' not in page
    assert client.get(reverse("labour:my_case", args=[other.pk])).status_code == 404


def test_the_employer_cannot_withdraw_or_file_as_an_applicant(client, employer_user, case_against):
    client.force_login(employer_user)
    response = client.post(reverse("labour:my_withdraw", args=[case_against.pk]), {"version": case_against.version})
    assert response.status_code == 404
    case_against.refresh_from_db()
    assert case_against.status == "submitted"
    assert client.get(reverse("labour:apply")).status_code == 404


def test_the_employer_list_costs_the_same_queries_for_more_cases(
    client, employer_user, citizen, django_assert_max_num_queries
):
    for _ in range(3):
        f.apply(citizen, employer=employer_user.employer)
    client.force_login(employer_user)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("labour:my_cases")).status_code == 200
