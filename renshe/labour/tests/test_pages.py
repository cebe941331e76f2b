"""The citizen and staff pages: filing with claim rows, 404 across people and districts, actions."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from renshe import testing
from renshe.accounts.models import Role
from renshe.labour.models import ArbitrationCase, Status
from renshe.labour.tests import factories as f

pytestmark = pytest.mark.django_db


def _post_application(client, **extra):
    today = timezone.localdate()
    data = {
        "respondent_name": "茂名市某劳务队",
        "respondent_address": "茂南区站前路 1 号",
        "migrant_worker": "on",
        "workers": "1",
        "knew_on": (today - timedelta(days=10)).isoformat(),
        "claim-0-kind": "wages",
        "claim-0-amount": "9000",
        "claim-0-period_from": (today - timedelta(days=90)).isoformat(),
        "claim-0-period_to": (today - timedelta(days=30)).isoformat(),
        "claim-1-kind": "overtime",
        "claim-1-amount": "2000",
        "claim-1-period_from": (today - timedelta(days=90)).isoformat(),
        "claim-1-period_to": (today - timedelta(days=30)).isoformat(),
    }
    data.update(extra)
    return client.post(reverse("labour:apply"), data)


def test_citizen_files_on_the_portal_and_sees_the_routing(client, citizen):
    client.force_login(citizen)
    response = _post_application(client)
    case = ArbitrationCase.objects.get()
    assert response.status_code == 302 and response.url == reverse("labour:my_case", args=[case.pk])
    page = client.get(response.url).content.decode()
    assert 'data-testid="green-channel"' in page and 'data-testid="final-award"' in page
    assert case.claims.count() == 2
    assert "MZLR" in client.get(reverse("labour:my_cases")).content.decode()


def test_bad_claim_rows_are_shown_on_their_row_and_nothing_is_stored(client, citizen):
    client.force_login(citizen)
    response = _post_application(client, **{"claim-1-amount": "-5", "claim-0-kind": "bonus"})
    page = response.content.decode()
    assert response.status_code == 200
    assert 'data-field-error="claim-1-amount"' in page and 'data-field-error="claim-0-kind"' in page
    assert not ArbitrationCase.objects.exists()


def test_another_citizen_gets_404(client, citizen):
    case = f.apply(citizen)
    other = testing.citizen("citizen_ls", name="李四")
    client.force_login(other)
    assert client.get(reverse("labour:my_case", args=[case.pk])).status_code == 404
    assert client.post(reverse("labour:my_withdraw", args=[case.pk])).status_code == 404
    case.refresh_from_db()
    assert case.status == Status.SUBMITTED


def test_staff_of_another_district_gets_404(client, citizen):
    case = f.apply(citizen)  # 茂南 (the applicant's residence; the respondent is not registered)
    gaozhou = f.arbitrator("arb_gaozhou", region="440981")
    client.force_login(gaozhou)
    assert client.get(reverse("labour:staff_case", args=[case.pk])).status_code == 404
    assert client.post(reverse("labour:staff_act", args=[case.pk, "accept"])).status_code == 404
    assert reverse("labour:staff_case", args=[case.pk]) not in client.get(reverse("labour:queue")).content.decode()


def test_arbitrator_pages_and_accept(client, citizen):
    case = f.apply(citizen)
    arb = f.arbitrator()
    client.force_login(arb)
    queue = client.get(reverse("labour:queue")).content.decode()
    assert case.number in queue
    assert client.get(reverse("labour:staff_case", args=[case.pk])).status_code == 200
    response = client.post(reverse("labour:staff_act", args=[case.pk, "accept"]), {"version": case.version})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == Status.ACCEPTED
    # A stale page (old version) is refused, nothing changes.
    client.post(reverse("labour:staff_act", args=[case.pk, "refuse"]), {"version": 1, "comment": "x"})
    case.refresh_from_db()
    assert case.status == Status.ACCEPTED
    for name in ("hearings", "statistics", "window_apply"):
        assert client.get(reverse(f"labour:{name}")).status_code == 200


def test_window_clerk_files_for_a_walk_in(client, clerk_maonan, maonan_person):
    client.force_login(clerk_maonan)
    response = _post_application(
        client.__class__() if False else client,
        **{"applicant_id_number": maonan_person.id_number},
    )
    # the citizen form refuses staff; the window form is the staff path
    assert response.status_code == 404
    today = timezone.localdate()
    response = client.post(
        reverse("labour:window_apply"),
        {
            "applicant_id_number": maonan_person.id_number,
            "respondent_name": "某劳务队",
            "respondent_address": "茂南区",
            "workers": "12",
            "knew_on": (today - timedelta(days=5)).isoformat(),
            "claim-0-kind": "wages",
            "claim-0-amount": "30000",
            "claim-0-period_from": (today - timedelta(days=60)).isoformat(),
            "claim-0-period_to": (today - timedelta(days=31)).isoformat(),
        },
    )
    case = ArbitrationCase.objects.get()
    assert response.status_code == 302
    assert case.channel == "window" and case.collective and not case.final_award and not case.green_channel


def test_statistics_need_the_permission(client, citizen, statistician):
    client.force_login(citizen)
    assert client.get(reverse("labour:statistics")).status_code == 403
    client.force_login(statistician)
    assert client.get(reverse("labour:statistics")).status_code == 200
    assert client.get(reverse("labour:queue")).status_code == 403
    assert testing.staff("leader_x", Role.LEADER, "440900").has_perm("labour.view_arbitration_stats")


def test_queue_queries_do_not_grow_with_rows(client, citizen):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    arb = f.arbitrator()
    client.force_login(arb)
    f.apply(citizen)
    client.get(reverse("labour:queue"))  # the session and permission caches fill on the first page
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("labour:queue"))
    for _ in range(4):
        f.apply(citizen)
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("labour:queue"))
    assert len(many.captured_queries) == len(few.captured_queries)


def test_hearing_calendar_lists_the_booking(client, citizen):
    from renshe.labour import services, services_hearings

    arb = f.arbitrator()
    case = services.arbitration_transition(case=f.apply(citizen), action="accept", actor=arb)
    services_hearings.arbitration_form_tribunal(case=case, actor=arb, arbitrator_ids=[arb.pk])
    services_hearings.arbitration_schedule_hearing(
        case=case, actor=arb, room=f.room(), starts_at=f.at(f.next_free_day(), 10)
    )
    client.force_login(arb)
    page = client.get(reverse("labour:hearings")).content.decode()
    assert case.number in page and "第一仲裁庭" in page
