"""Seekers for a job (the employer's direction): only those who consented, within the hard constraints."""

from __future__ import annotations

from datetime import date

import pytest

from renshe.employment import matching, services_jobs
from renshe.employment.tests import jobs_support as js

pytestmark = pytest.mark.django_db


@pytest.fixture
def cook_job(employer_user):
    return js.publish(js.post(employer_user, education="41", age_min=18, age_max=50))


def _ids(job):
    return [m.seeker_id for m in matching.seekers_for_job(job, limit=20)]


def test_opted_in_seekers_are_ranked_with_reasons(cook_job):
    best = js.seeker(
        name="黄志强", desired_titles="粤菜厨师", skills="粤菜 炒锅", certificates="中式烹调师", education="41"
    )
    other = js.seeker(name="陈大文", desired_titles="帮厨", skills="切配", education="41")
    matches = matching.seekers_for_job(cook_job)
    assert [m.seeker_id for m in matches][:2] == [best.pk, other.pk]
    assert any("粤菜" in r for r in matches[0].reasons)


def test_seekers_who_did_not_consent_are_never_shown(cook_job):
    hidden = js.seeker(name="周小红", desired_titles="粤菜厨师", education="41", visible_to_employers=False)
    paused = js.seeker(name="郑小强", desired_titles="粤菜厨师", education="41", status="paused")
    assert hidden.pk not in _ids(cook_job) and paused.pk not in _ids(cook_job)


def test_hard_constraints_hold_in_this_direction_too(cook_job):
    low_education = js.seeker(name="甲", desired_titles="粤菜厨师", education="71")
    too_old = js.seeker(name="乙", desired_titles="粤菜厨师", education="41", born=date(1960, 1, 1))
    elsewhere = js.seeker(name="丙", desired_titles="粤菜厨师", education="41", desired_regions=["440981"])
    part_time = js.seeker(name="丁", desired_titles="粤菜厨师", education="41", hours="part_time")
    town_in_county = js.seeker(name="戊", desired_titles="粤菜厨师", education="41", desired_regions=["440902003"])
    ids = _ids(cook_job)
    for excluded in (low_education, too_old, elsewhere, part_time):
        assert excluded.pk not in ids
    assert town_in_county.pk in ids


def test_a_seeker_with_only_the_occupation_in_common_is_found(cook_job, employer_user):
    job = js.publish(js.post(employer_user, title="后厨人员", description="厨房工作", occupation="4-03"))
    seeker = js.seeker(name="己", desired_occupations=["4-03"], desired_titles="", skills="")
    matches = matching.seekers_for_job(job)
    assert seeker.pk in [m.seeker_id for m in matches]
    assert any(r.startswith("意向职业一致") for r in matches[0].reasons)


def test_seekers_created_by_a_fair_sign_up_without_wishes_do_not_break_matching(employer_user, maonan_person):
    from renshe.employment.models import JobSeeker

    job = js.publish(js.post(employer_user))  # no education required: maonan_person has none recorded
    JobSeeker.objects.create(person=maonan_person, visible_to_employers=True)  # no tokens at all
    assert matching.seekers_for_job(job) == []
    services_jobs.seeker_save(actor=None, person=maonan_person, desired_titles="粤菜厨师")
    assert _ids(job) == [maonan_person.job_seeker.pk]
