"""The door page /employment/fairs/<pk>/checkin/: ✓ with the masked name, or ✗ with the reason."""

import pytest

from renshe.employment.models import FairRegistration
from renshe.employment.tests import fairs_testing as ft

pytestmark = pytest.mark.django_db


def _url(fair) -> str:
    return f"/employment/fairs/{fair.pk}/checkin/"


def test_checkin_list_shows_todays_fairs(client, reviewer_maonan, clerk_maonan):
    from datetime import timedelta

    today = ft.fair(reviewer_maonan, title="今天的招聘会")
    ft.fair(reviewer_maonan, title="下周的招聘会", starts_in=timedelta(days=7))
    ft.fair(reviewer_maonan, title="线上的招聘会", mode="online")
    client.force_login(clerk_maonan)
    page = client.get("/employment/fairs/checkin/").content.decode()
    assert "今天的招聘会" in page and _url(today) in page
    assert "下周的招聘会" not in page and "线上的招聘会" not in page


def test_admit_then_refuse_the_same_code(client, reviewer_maonan, clerk_maonan, citizen):
    fair = ft.fair(reviewer_maonan)
    registration = ft.signed_up(citizen, fair)
    client.force_login(clerk_maonan)
    page = client.get(_url(fair)).content.decode()
    assert "js/checkin.js" in page and "<script>" not in page
    response = client.post(_url(fair), {"code": registration.code})
    page = response.content.decode()
    assert response.status_code == 200
    assert 'data-result="ok"' in page and "✓" in page
    assert citizen.person.masked_name in page and citizen.person.name not in page
    response = client.post(_url(fair), {"code": registration.code})
    assert response.status_code == 409
    page = response.content.decode()
    assert 'data-result="already"' in page and "✗" in page and "不能重复使用" in page


def test_htmx_gets_the_result_fragment(client, reviewer_maonan, clerk_maonan, citizen):
    fair = ft.fair(reviewer_maonan)
    other = ft.fair(reviewer_maonan)
    registration = ft.signed_up(citizen, other)
    client.force_login(clerk_maonan)
    response = client.post(_url(fair), {"code": registration.code}, headers={"HX-Request": "true"})
    page = response.content.decode()
    assert response.status_code == 200  # htmx swaps 200s only
    assert page.startswith('<div id="checkin-live"')
    assert "该入场码属于另一场招聘会" in page


def test_unknown_and_empty_codes(client, reviewer_maonan, clerk_maonan):
    fair = ft.fair(reviewer_maonan)
    client.force_login(clerk_maonan)
    response = client.post(_url(fair), {"code": "ZZZZ-9999"})
    assert response.status_code == 400 and "查无此码" in response.content.decode()
    response = client.post(_url(fair), {"code": ""})
    assert response.status_code == 400 and "请输入或扫描入场码" in response.content.decode()


def test_closed_fair_refuses_every_code(client, reviewer_maonan, clerk_maonan, citizen):
    fair = ft.fair(reviewer_maonan, status="closed")
    FairRegistration.objects.create(fair=fair, person=citizen.person, code="ABCD2345")
    client.force_login(clerk_maonan)
    response = client.post(_url(fair), {"code": "ABCD2345"})
    assert "招聘会已结束" in response.content.decode()
    assert FairRegistration.objects.get().checked_in_at is None


def test_clerk_of_gaozhou_cannot_check_in_at_a_maonan_fair(client, reviewer_maonan, clerk_gaozhou, citizen):
    fair = ft.fair(reviewer_maonan)
    registration = ft.signed_up(citizen, fair)
    client.force_login(clerk_gaozhou)
    assert client.get(_url(fair)).status_code == 404
    assert client.post(_url(fair), {"code": registration.code}).status_code == 404
    registration.refresh_from_db()
    assert registration.checked_in_at is None


@pytest.mark.parametrize("who", ["citizen", "employer_user", "reviewer_maonan"])
def test_door_page_needs_the_check_in_permission(request, client, reviewer_maonan, who):
    fair = ft.fair(reviewer_maonan)
    client.force_login(request.getfixturevalue(who))
    assert client.get(_url(fair)).status_code == 403
    assert client.post(_url(fair), {"code": "ABCD2345"}).status_code == 403
    assert client.get("/employment/fairs/checkin/").status_code == 403


def test_anonymous_is_sent_to_login(client, reviewer_maonan):
    fair = ft.fair(reviewer_maonan)
    response = client.get(_url(fair))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
