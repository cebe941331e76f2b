"""Reads: the public list (never a draft), scoping of staff lists, and the live counts."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from renshe.employment import selectors_fairs as selectors
from renshe.employment import services_fairs as services
from renshe.employment.models.jobs import JobStatus
from renshe.employment.tests import fairs_testing as ft

pytestmark = pytest.mark.django_db


def test_public_list_shows_no_draft_fairs(reviewer_maonan):
    draft = ft.fair(reviewer_maonan, status="draft", title="筹备中的招聘会")
    open_fair = ft.fair(reviewer_maonan, title="报名中的招聘会")
    closed = ft.fair(reviewer_maonan, status="closed", title="已结束的招聘会")
    listed = list(selectors.fair_list_public())
    assert draft not in listed
    assert {open_fair, closed} <= set(listed)


def test_public_list_upcoming_first_then_past(reviewer_maonan):
    later = ft.fair(reviewer_maonan, starts_in=timedelta(days=5))
    sooner = ft.fair(reviewer_maonan, starts_in=timedelta(days=1))
    running = ft.fair(reviewer_maonan)
    past = ft.fair(reviewer_maonan, status="closed")
    older = ft.fair(reviewer_maonan, status="closed")
    # Fairs cannot be announced in the past: move these two back instead.
    type(past).objects.filter(pk=past.pk).update(
        starts_at=past.starts_at - timedelta(days=2), ends_at=past.starts_at - timedelta(days=1, hours=20)
    )
    type(older).objects.filter(pk=older.pk).update(
        starts_at=older.starts_at - timedelta(days=9), ends_at=older.starts_at - timedelta(days=8, hours=20)
    )
    assert list(selectors.fair_list_public()) == [running, sooner, later, past, older]


def test_public_list_filters(reviewer_maonan, city_admin):
    chefs = ft.fair(reviewer_maonan, theme="chef", mode="offline")
    online = ft.fair(reviewer_maonan, theme="graduates", mode="online")
    gaozhou = ft.fair(city_admin, theme="chef", region="440981")
    assert list(selectors.fair_list_public(theme="chef", district="440902")) == [chefs]
    assert list(selectors.fair_list_public(mode="online")) == [online]
    assert set(selectors.fair_list_public(theme="chef")) == {chefs, gaozhou}
    assert set(selectors.fair_list_public(district="bad")) == {chefs, online, gaozhou}


def test_cancelled_fairs_stay_listed_until_their_day_passes(reviewer_maonan):
    cancelled = ft.fair(reviewer_maonan, status="cancelled")
    assert cancelled in selectors.fair_list_public()
    type(cancelled).objects.filter(pk=cancelled.pk).update(
        starts_at=cancelled.starts_at - timedelta(days=2), ends_at=cancelled.starts_at - timedelta(days=1)
    )
    assert cancelled not in selectors.fair_list_public()


def test_staff_list_is_scoped_to_the_region(reviewer_maonan, clerk_gaozhou, city_admin):
    maonan = ft.fair(reviewer_maonan, status="draft")
    gaozhou = ft.fair(city_admin, status="draft", region="440981")
    assert list(selectors.fair_list_staff(viewer=reviewer_maonan)) == [maonan]
    assert list(selectors.fair_list_staff(viewer=clerk_gaozhou)) == [gaozhou]
    assert set(selectors.fair_list_staff(viewer=city_admin)) == {maonan, gaozhou}


def test_live_counts_after_a_scripted_fair(reviewer_maonan, clerk_maonan, employer_user):
    fair = ft.fair(reviewer_maonan, mode="hybrid", booth_count=5)
    a_jobs = [
        ft.job(employer_user.employer, title="普工", headcount=10),
        ft.job(employer_user.employer, title="电工", headcount=2),
    ]
    booth_a = ft.approved_booth(employer_user, fair, reviewer_maonan, jobs=a_jobs)
    second = ft.employer_account("employer_b", "第二家公司")
    booth_b = ft.approved_booth(second, fair, reviewer_maonan, jobs=[ft.job(second.employer, headcount=5)])
    third = ft.employer_account("employer_c", "第三家公司")
    services.booth_book(actor=third, fair=fair, jobs=[ft.job(third.employer)])  # still waiting
    a_jobs[1].status = JobStatus.FILLED  # no longer published: not counted
    a_jobs[1].save()

    people = [ft.citizen_account(f"citizen_{n}", f"求职者{n}") for n in range(5)]
    regs = [ft.signed_up(p, fair) for p in people]
    for reg in regs[:3]:
        services.fair_check_in(actor=clerk_maonan, fair=fair, code=reg.code)
    ft.seeker(people[4])
    services.fair_job_apply(actor=people[4], fair=fair, job=a_jobs[0])

    record = services.fair_outcome_record
    record(actor=employer_user, booth=booth_a, registration=regs[0], kind="interview")
    record(actor=employer_user, booth=booth_a, registration=regs[0], kind="intention")
    record(actor=employer_user, booth=booth_a, registration=regs[1], kind="interview")
    record(actor=second, booth=booth_b, registration=regs[0], kind="intention")  # same person, second booth
    record(actor=second, booth=booth_b, registration=regs[2], kind="hired", contract_type="fixed")

    counts = selectors.fair_live_counts(fair, use_cache=False)
    expected = {
        "signed_up": 5,
        "checked_in": 3,
        "booths": 2,
        "booth_requests": 1,
        "jobs": 2,
        "positions": 15,
        "applications": 1,
        "interviews": 2,
        "intentions": 2,  # regs[0] (twice) and regs[2]
        "hires": 1,
    }
    assert {k: counts[k] for k in expected} == expected


def test_live_counts_are_cheap_and_cached(reviewer_maonan, citizen):
    fair = ft.fair(reviewer_maonan)
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        first = selectors.fair_live_counts(fair)
    assert len(queries) <= 5
    ft.signed_up(citizen, fair)
    with CaptureQueriesContext(connection) as queries:
        again = selectors.fair_live_counts(fair)
    assert len(queries) == 0
    assert again == first  # up to ten seconds old, by design
    assert selectors.fair_live_counts(fair, use_cache=False)["signed_up"] == 1


def test_public_booths_show_published_jobs_only(reviewer_maonan, employer_user):
    fair = ft.fair(reviewer_maonan)
    shown = ft.job(employer_user.employer, title="在招")
    hidden = ft.job(employer_user.employer, title="将撤回")
    booth = ft.approved_booth(employer_user, fair, reviewer_maonan, jobs=[shown, hidden])
    hidden.status = JobStatus.WITHDRAWN
    hidden.save()
    second = ft.employer_account("employer_b", "待审公司")
    services.booth_book(actor=second, fair=fair, jobs=[ft.job(second.employer)])
    booths = list(selectors.fair_booths_public(fair))
    assert booths == [booth]
    assert booths[0].public_jobs == [shown]
