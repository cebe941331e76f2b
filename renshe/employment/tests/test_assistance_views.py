"""The assistance pages: each renders for the clerk, answers 404 for another region's record, 403 for
the public, and writes through its service."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from renshe.employment import assistance
from renshe.employment.models import AssistanceContact, UnemploymentRegistration
from renshe.employment.tests import assistance_testing as at


@pytest.fixture
def registered(clerk_maonan):
    person = at.person(name="何平")
    assistance.unemployment_register(actor=clerk_maonan, person=person, reason="其他", registered_on=date(2025, 1, 2))
    return person


PAGES = [
    "employment:assistance_home",
    "employment:assistance_ledger",
    "employment:assistance_register",
    "employment:assistance_welfare",
    "employment:assistance_households",
    "employment:assistance_graduates",
]


@pytest.mark.django_db
@pytest.mark.parametrize("name", PAGES)
def test_pages_render_for_the_clerk(client, clerk_maonan, registered, name):
    client.force_login(clerk_maonan)
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert "<script>" not in response.content.decode()  # strict CSP: no inline scripts


@pytest.mark.django_db
@pytest.mark.parametrize("name", PAGES)
def test_public_users_are_refused(client, citizen, name):
    client.force_login(citizen)
    assert client.get(reverse(name)).status_code == 403


@pytest.mark.django_db
def test_workbench_shows_the_overdue_warning(client, clerk_maonan, registered):
    client.force_login(clerk_maonan)
    response = client.get(reverse("employment:assistance_home"))
    assert response.context["counts"]["overdue"] == 1  # registered 2025-01-02, never contacted
    assert "何平" in response.content.decode()


@pytest.mark.django_db
def test_person_page_and_other_region_404(client, clerk_maonan, clerk_gaozhou, registered):
    url = reverse("employment:assistance_person", args=[registered.pk])
    client.force_login(clerk_maonan)
    response = client.get(url)
    assert response.status_code == 200 and "超期未联系" in response.content.decode()
    client.force_login(clerk_gaozhou)
    assert client.get(url).status_code == 404
    assert client.post(reverse("employment:assistance_contact_add", args=[registered.pk]), {}).status_code == 404


@pytest.mark.django_db
def test_logging_a_contact(client, clerk_maonan, registered):
    client.force_login(clerk_maonan)
    url = reverse("employment:assistance_contact_add", args=[registered.pk])
    bad = client.post(url, {"contacted_on": "2099-01-01", "channel": "phone", "content": "x"})
    assert bad.status_code == 400 and "联系日期不能晚于今天" in bad.content.decode()
    ok = client.post(
        url,
        {
            "contacted_on": str(timezone.localdate()),
            "channel": "visit",
            "content": "上门走访",
            "services": ["guidance"],
        },
    )
    assert ok.status_code == 302
    assert AssistanceContact.objects.get(person=registered).services == ["guidance"]


@pytest.mark.django_db
def test_window_registration_refused_while_employed(client, clerk_maonan):
    worker = at.person(name="韩工")
    at.employ(worker, at.employer("茂名市在职单位有限公司"))
    client.force_login(clerk_maonan)
    response = client.post(
        reverse("employment:assistance_register"),
        {
            "id_number": worker.id_number,
            "reason": "其他",
            "registered_on": str(timezone.localdate()),
            "able_and_willing": "on",
        },
    )
    assert response.status_code == 400
    assert "茂名市在职单位有限公司" in response.content.decode()
    assert not UnemploymentRegistration.objects.exists()


@pytest.mark.django_db
def test_window_registration_of_another_district_resident(client, clerk_gaozhou, maonan_person):
    client.force_login(clerk_gaozhou)
    response = client.post(
        reverse("employment:assistance_register"),
        {
            "id_number": maonan_person.id_number,
            "reason": "其他",
            "registered_on": str(timezone.localdate()),
            "able_and_willing": "on",
        },
    )
    assert response.status_code == 400 and "不在您的管辖范围内" in response.content.decode()
    assert not UnemploymentRegistration.objects.exists()


@pytest.mark.django_db
def test_window_registration(client, clerk_maonan, maonan_person):
    client.force_login(clerk_maonan)
    response = client.post(
        reverse("employment:assistance_register"),
        {
            "id_number": maonan_person.id_number,
            "reason": "本人辞职",
            "registered_on": str(timezone.localdate()),
            "able_and_willing": "on",
        },
    )
    assert response.status_code == 302
    assert UnemploymentRegistration.objects.get(person=maonan_person).reason == "本人辞职"


@pytest.mark.django_db
def test_difficulty_page_previews_and_recognises(client, clerk_maonan):
    woman = at.person(name="许芳", born=date(1981, 1, 1), female=True)
    client.force_login(clerk_maonan)
    url = reverse("employment:assistance_difficulty", args=[woman.pk])
    assert "大龄失业人员" in client.get(url).content.decode()
    assert client.post(url, {"able_and_willing": "on"}).status_code == 302
    assert woman.difficulty_recognitions.get().criteria == ["older_worker"]


@pytest.mark.django_db
def test_ledger_query_count_does_not_grow_with_rows(client, clerk_maonan):
    client.force_login(clerk_maonan)
    for i in range(2):
        p = at.person(name=f"甲{i}")
        assistance.unemployment_register(actor=clerk_maonan, person=p, reason="其他")
    url = reverse("employment:assistance_ledger")
    client.get(url)  # warm the session and the caches
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for i in range(6):
        p = at.person(name=f"乙{i}")
        assistance.unemployment_register(actor=clerk_maonan, person=p, reason="其他")
    with CaptureQueriesContext(connection) as more:
        response = client.get(url)
    assert len(response.context["page_obj"].object_list) == 8
    assert len(more) == len(few)


@pytest.mark.django_db
def test_ledger_htmx_returns_the_rows(client, clerk_maonan, registered):
    client.force_login(clerk_maonan)
    response = client.get(reverse("employment:assistance_ledger"), {"overdue": "1"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and "<html" not in response.content.decode()
    assert "何平" in response.content.decode()


@pytest.mark.django_db
def test_pages_with_data_render(client, clerk_maonan):
    """Every section filled: a person with registration, recognition, contact, plan and placement; a
    post with placements; a household; a graduate."""
    from renshe.employment.models import GraduateTracking

    person = at.person(name="全满", tags=["disabled"], household_region="440902001")
    assistance.difficulty_recognise(actor=clerk_maonan, person=person)
    post = assistance.welfare_post_create(
        actor=clerk_maonan, title="保洁", employer=at.employer("公益单位"), region="440902001", headcount=3
    )
    assistance.welfare_place(actor=clerk_maonan, post=post, person=person, start_date=date(2025, 1, 1), term_months=6)
    other = at.person(name="待业")
    assistance.unemployment_register(actor=clerk_maonan, person=other, reason="其他")
    assistance.contact_log(
        actor=clerk_maonan,
        person=other,
        contacted_on=timezone.localdate(),
        channel="phone",
        content="电话回访",
        services=["policy", "training"],
    )
    assistance.plan_create(actor=clerk_maonan, person=other, goal="半年内就业", measures=["技能培训", "岗位推荐"])
    assistance.zero_household_identify(actor=clerk_maonan, household_ref="HH-1", members=[other])
    assistance.graduate_track(
        actor=clerk_maonan, person=other, school="茂名职业技术学院", graduated_on=date(2025, 6, 30)
    )
    client.force_login(clerk_maonan)
    for url, text in [
        (reverse("employment:assistance_person", args=[person.pk]), "残疾人员"),
        (reverse("employment:assistance_person", args=[other.pk]), "政策咨询"),
        (reverse("employment:assistance_welfare_post", args=[post.pk]), "全满"),
        (reverse("employment:assistance_households"), "HH-1"),
        (reverse("employment:assistance_graduates"), "茂名职业技术学院"),
        (reverse("employment:assistance_home"), "HH-1"),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert text in response.content.decode(), url
    assert GraduateTracking.objects.count() == 1
