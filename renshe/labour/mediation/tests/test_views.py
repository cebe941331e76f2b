"""Pages: the citizen's phone pages, the mediator's case page, the agreement PDF, organisations, statistics."""

from __future__ import annotations

import shutil
import subprocess
from datetime import timedelta

import pytest
from django.urls import reverse

from renshe import testing
from renshe.accounts.models import Role
from renshe.audit.models import AuditEntry
from renshe.labour.mediation import services
from renshe.labour.mediation.models import Level, MediationCase, Organisation, Status

pytestmark = pytest.mark.django_db


def pdf_text(data: bytes, tmp_path) -> str:
    assert shutil.which("pdftotext"), "pdftotext (poppler-utils) is not installed: run scripts/system-deps.sh test"
    source = tmp_path / "agreement.pdf"
    source.write_bytes(data)
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(source), "-"], capture_output=True, check=True)
    return out.stdout.decode()


# --- the citizen --------------------------------------------------------------------------------------


def test_citizen_applies_on_the_phone(client, citizen, orgs):
    client.force_login(citizen)
    page = client.get(reverse("mediation:apply"))
    assert page.status_code == 200 and "红旗街道劳动争议调解委员会" in page.content.decode()
    response = client.post(
        reverse("mediation:apply"),
        {
            "respondent_name": "茂名市某某五金制品厂",
            "respondent_address": "红旗街道工业路2号",
            "organisation": orgs["town"].pk,
            "facts": "拖欠工资",
            "item-0-kind": "wages",
            "item-0-amount": "5000",
            "item-0-period_from": "2025-05-01",
            "item-0-period_to": "2025-06-30",
        },
    )
    case = MediationCase.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("mediation:my_case", args=[case.pk])
    page = client.get(reverse("mediation:my_case", args=[case.pk]))
    assert case.number in page.content.decode() and "待受理" in page.content.decode()


def test_citizen_bad_input_is_400_naming_the_field(client, citizen, orgs):
    client.force_login(citizen)
    response = client.post(
        reverse("mediation:apply"),
        {"respondent_name": "某厂", "respondent_address": "某地", "organisation": orgs["town"].pk, "facts": "x"},
    )
    assert response.status_code == 400 and "请至少填写一项争议事项" in response.content.decode()
    response = client.post(
        reverse("mediation:apply"),
        {
            "respondent_name": "某厂",
            "respondent_address": "某地",
            "organisation": orgs["town"].pk,
            "facts": "x",
            "item-0-kind": "damages",
            "item-0-amount": "-3",
        },
    )
    assert response.status_code == 400 and "负数" in response.content.decode()
    assert not MediationCase.objects.exists()


def test_citizen_on_someone_elses_case_is_404(client, pending_case):
    stranger = testing.citizen(username="citizen_other", name="钱七")
    client.force_login(stranger)
    assert client.get(reverse("mediation:my_case", args=[pending_case.pk])).status_code == 404
    assert client.post(reverse("mediation:my_act", args=[pending_case.pk, "withdraw"])).status_code == 404
    assert client.get(reverse("mediation:agreement_pdf", args=[pending_case.pk])).status_code == 404
    pending_case.refresh_from_db()
    assert pending_case.status == Status.PENDING


def test_citizen_withdraws_own_case(client, citizen, pending_case):
    client.force_login(citizen)
    client.post(reverse("mediation:my_act", args=[pending_case.pk, "withdraw"]))
    pending_case.refresh_from_db()
    assert pending_case.status == Status.WITHDRAWN


def test_citizen_may_not_accept_through_the_page(client, citizen, pending_case):
    client.force_login(citizen)
    assert client.post(reverse("mediation:my_act", args=[pending_case.pk, "accept"])).status_code == 403
    assert client.post(reverse("mediation:case_act", args=[pending_case.pk, "accept"])).status_code == 403


# --- the mediator ---------------------------------------------------------------------------------------


def test_mediator_of_another_district_gets_404(client, pending_case, gaozhou_mediator):
    client.force_login(gaozhou_mediator)
    assert client.get(reverse("mediation:case_detail", args=[pending_case.pk])).status_code == 404
    assert client.post(reverse("mediation:case_act", args=[pending_case.pk, "accept"])).status_code == 404
    assert pending_case.number not in client.get(reverse("mediation:case_list")).content.decode()


def test_mediator_flow_and_agreement_pdf(client, mediator, pending_case, tmp_path, citizen):
    client.force_login(mediator)
    assert pending_case.number in client.get(reverse("mediation:case_list")).content.decode()
    client.post(reverse("mediation:case_act", args=[pending_case.pk, "accept"]), {"version": 1})
    case = MediationCase.objects.get()
    assert case.status == Status.MEDIATING
    response = client.post(
        reverse("mediation:case_act", args=[case.pk, "session"]),
        {
            "held_on": case.received_on.isoformat(),
            "place": "红旗街道调解室",
            "notes": "双方到场协商",
            "mediator": mediator.pk,
        },
    )
    assert response.status_code == 302 and case.sessions.count() == 1
    # An agreement without agreed items is refused and nothing changes.
    due = (case.received_on + timedelta(days=20)).isoformat()
    response = client.post(reverse("mediation:case_act", args=[case.pk, "agree"]), {"performance_deadline": due})
    assert response.status_code == 400 and "至少须约定一项" in response.content.decode()
    wages = case.items.get(kind="wages")
    client.post(
        reverse("mediation:case_act", args=[case.pk, "agree"]),
        {"performance_deadline": due, f"agreed-amount-{wages.pk}": "8000", f"agreed-terms-{wages.pk}": "分两期支付"},
    )
    case.refresh_from_db()
    assert case.status == Status.AGREED
    response = client.get(reverse("mediation:agreement_pdf", args=[case.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content, tmp_path)
    for needle in (
        "调解协议书",
        case.number,
        "红旗街道劳动争议调解委员会",
        "拖欠工资",
        "8000.00",
        "分两期支付",
        "茂名市某某五金制品厂",
    ):
        assert needle in text, needle
    assert citizen.person.id_number not in text  # masked
    assert AuditEntry.objects.filter(object_id=str(case.pk), action="export").exists()
    # The applicant downloads the same letter from the phone.
    client.force_login(citizen)
    assert client.get(reverse("mediation:agreement_pdf", args=[case.pk])).status_code == 200


def test_failed_case_referred_from_the_page(client, mediator, mediating_case):
    client.force_login(mediator)
    client.post(reverse("mediation:case_act", args=[mediating_case.pk, "fail"]), {"comment": "单位拒绝"})
    client.post(reverse("mediation:case_act", args=[mediating_case.pk, "refer"]))
    mediating_case.refresh_from_db()
    assert mediating_case.status == Status.REFERRED
    page = client.get(reverse("mediation:case_detail", args=[mediating_case.pk])).content.decode()
    assert mediating_case.referral.arbitration_ref in page


def test_wrong_state_on_the_page_is_a_message(client, mediator, pending_case):
    client.force_login(mediator)
    response = client.post(reverse("mediation:case_act", args=[pending_case.pk, "fail"]), {"comment": "x"}, follow=True)
    assert "不能调解不成" in response.content.decode()


def test_walk_in_entry(client, mediator, orgs):
    person = testing.person(name="孙八")
    client.force_login(mediator)
    response = client.post(
        reverse("mediation:case_new"),
        {
            "id_number": person.id_number,
            "channel": "walk_in",
            "respondent_name": "某餐饮店",
            "respondent_address": "红旗街道",
            "organisation": orgs["town"].pk,
            "facts": "加班费",
            "item-0-kind": "rest_leave",
        },
    )
    case = MediationCase.objects.get()
    assert response.status_code == 302 and case.status == Status.MEDIATING and case.applicant == person
    response = client.post(
        reverse("mediation:case_new"),
        {
            "id_number": "440902199001011234",
            "channel": "walk_in",
            "respondent_name": "x",
            "organisation": orgs["town"].pk,
            "facts": "x",
        },
    )
    assert response.status_code == 400


# --- organisations and statistics -------------------------------------------------------------------


def test_admin_creates_an_organisation_and_bad_input_is_named(client, city_admin, orgs):
    client.force_login(city_admin)
    response = client.post(
        reverse("mediation:organisation_list"),
        {"name": "金塘镇劳动争议调解委员会", "level": Level.TOWN, "region": "440902100", "active": "on"},
    )
    assert response.status_code == 302 and Organisation.objects.filter(name="金塘镇劳动争议调解委员会").exists()
    response = client.post(
        reverse("mediation:organisation_list"),
        {"name": "某村调解室", "level": Level.VILLAGE, "region": "440902", "active": "on"},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "须选择所在镇/街道" in body and "请填写村/社区名称" in body


def test_mediator_may_not_create_organisations(client, mediator):
    client.force_login(mediator)
    response = client.post(
        reverse("mediation:organisation_list"), {"name": "x", "level": Level.TOWN, "region": "440902100"}
    )
    assert response.status_code == 403


def test_statistics_page_for_statistician_not_citizen(client, statistician, citizen, mediating_case, mediator):
    services.case_transition(case=mediating_case, action="fail", actor=mediator, comment="不同意")
    client.force_login(statistician)
    page = client.get(reverse("mediation:statistics"))
    assert page.status_code == 200
    body = page.content.decode()
    assert 'data-testid="stat-received">1<' in body and 'data-testid="stat-rate">0.0%<' in body
    client.force_login(citizen)
    assert client.get(reverse("mediation:statistics")).status_code == 403


def test_menu_section(client, mediator):
    client.force_login(mediator)
    body = client.get(reverse("mediation:case_list")).content.decode()
    assert "劳动争议调解" in body and "调解组织" in body and "调解统计" in body


def test_arbitrator_may_view_but_not_act(client, pending_case):
    arbitrator = testing.staff("arb", Role.ARBITRATOR, "440902")
    client.force_login(arbitrator)
    assert client.get(reverse("mediation:case_detail", args=[pending_case.pk])).status_code == 200
    assert client.post(reverse("mediation:case_act", args=[pending_case.pk, "accept"])).status_code == 403


def test_pages_in_english(client, mediator, pending_case):
    client.force_login(mediator)
    client.cookies["django_language"] = "en"
    body = client.get(
        reverse("mediation:case_detail", args=[pending_case.pk]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert (
        "Labour-dispute mediation" in body and "Mediation statistics" in body and "Withdrawn by the applicant" in body
    )


def test_case_list_queries_do_not_grow_with_rows(client, mediator, citizen, orgs, django_assert_max_num_queries):
    from renshe.labour.mediation.tests.conftest import apply

    client.force_login(mediator)
    apply(citizen, orgs["town"])
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("mediation:case_list"))
    for _ in range(5):
        apply(citizen, orgs["town"])
    with django_assert_max_num_queries(len(few.captured_queries)):
        body = client.get(reverse("mediation:case_list")).content.decode()
    assert body.count("/labour/mediation/cases/") >= 6
