"""求职登记 by a citizen on a phone and by a clerk at the window; applications; contact reveals."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from renshe import testing
from renshe.accounts.models import Message
from renshe.audit.models import AuditAction, AuditEntry
from renshe.employment import selectors_jobs, services_jobs
from renshe.employment.models import JobApplication, JobSeeker
from renshe.employment.tests import jobs_support as js

pytestmark = pytest.mark.django_db

WISHES = {
    "desired_titles": "保洁员、家政服务员",
    "desired_occupations": ["4-10"],
    "desired_regions": ["440902", "440904003"],
    "salary_expected": 3000,
    "hours": "full_time",
    "skills": "收纳整理 做饭",
    "certificates": "家政服务员证",
    "summary": "做过三年家政",
    "visible_to_employers": True,
}


def test_a_citizen_registers_their_wishes(citizen):
    seeker = services_jobs.seeker_save(actor=citizen, person=citizen.person, **WISHES)
    assert seeker.person == citizen.person
    assert sorted(seeker.desired_regions.values_list("code", flat=True)) == ["440902", "440904003"]
    assert list(seeker.desired_occupations.values_list("code", flat=True)) == ["4-10"]
    tokens = seeker.match_tokens
    assert " 保洁 " in tokens and " 收纳 " in tokens and " 家政 " in tokens
    assert AuditEntry.objects.filter(action=AuditAction.CREATE, object_type="employment.jobseeker").exists()
    again = services_jobs.seeker_save(actor=citizen, person=citizen.person, salary_expected=3500)
    assert again.pk == seeker.pk and again.salary_expected == 3500
    assert JobSeeker.objects.count() == 1


def test_a_citizen_cannot_register_someone_else(citizen, gaozhou_person):
    with pytest.raises(PermissionDenied):
        services_jobs.seeker_save(actor=citizen, person=gaozhou_person, **WISHES)


def test_a_clerk_registers_someone_of_their_region(clerk_maonan, maonan_person):
    seeker = services_jobs.seeker_save(actor=clerk_maonan, person=maonan_person, **WISHES)
    assert seeker.pk


def test_a_clerk_of_gaozhou_cannot_register_a_maonan_resident(clerk_gaozhou, maonan_person):
    with pytest.raises(PermissionDenied):
        services_jobs.seeker_save(actor=clerk_gaozhou, person=maonan_person, **WISHES)


def test_an_employer_cannot_register_seekers(employer_user, maonan_person):
    with pytest.raises(PermissionDenied):
        services_jobs.seeker_save(actor=employer_user, person=maonan_person, **WISHES)


def test_bad_wishes_are_named_and_nothing_is_stored(citizen):
    with pytest.raises(ValidationError) as exc:
        services_jobs.seeker_save(
            actor=citizen,
            person=citizen.person,
            desired_regions=["440100", "440902"],
            desired_occupations=["9-99"],
            salary_expected=-5,
            hours="sometimes",
            skills="很" * 600,
            available_from="next week",
        )
    assert set(exc.value.message_dict) == {
        "desired_regions",
        "desired_occupations",
        "salary_expected",
        "hours",
        "skills",
        "available_from",
    }
    assert not JobSeeker.objects.exists()


def test_at_most_five_places(citizen):
    towns = ["440902001", "440902002", "440902003", "440902004", "440904001", "440904002"]
    with pytest.raises(ValidationError) as exc:
        services_jobs.seeker_save(actor=citizen, person=citizen.person, desired_regions=towns)
    assert "desired_regions" in exc.value.message_dict


# --- what an employer sees of a seeker ---------------------------------------------------------


def test_an_employer_sees_a_masked_name_until_the_seeker_applies(employer_user, citizen):
    seeker = services_jobs.seeker_save(actor=citizen, person=citizen.person, **WISHES)
    card = selectors_jobs.seeker_card(seeker, employer_id=employer_user.employer_id)
    assert card.name == "张*" and card.phone == "" and not card.applied
    job = js.publish(js.post(employer_user, title="保洁员", description="写字楼保洁"))
    services_jobs.application_create(actor=citizen, job=job)
    card = selectors_jobs.seeker_card(seeker, employer_id=employer_user.employer_id)
    assert card.name == "张三" and card.applied
    other = testing.employer(name="茂名市别家有限公司")
    assert selectors_jobs.seeker_card(seeker, employer_id=other.pk).name == "张*"


def test_applying_tells_the_employer_once(employer_user, citizen):
    services_jobs.seeker_save(actor=citizen, person=citizen.person, **WISHES)
    job = js.publish(js.post(employer_user))
    application = services_jobs.application_create(actor=citizen, job=job)
    assert Message.objects.filter(recipient=employer_user, title__contains="求职申请").count() == 1
    with pytest.raises(ValidationError) as exc:
        services_jobs.application_create(actor=citizen, job=job)
    assert "job" in exc.value.message_dict
    assert JobApplication.objects.filter(pk=application.pk).count() == 1


def test_applying_needs_a_profile_and_an_open_job(employer_user, citizen):
    job = js.post(employer_user)
    with pytest.raises(ValidationError) as exc:
        services_jobs.application_create(actor=citizen, job=job)
    assert "seeker" in exc.value.message_dict
    services_jobs.seeker_save(actor=citizen, person=citizen.person, **WISHES)
    with pytest.raises(services_jobs.JobConflict):
        services_jobs.application_create(actor=citizen, job=job)  # still pending review


def test_only_a_citizen_applies(employer_user, clerk_maonan):
    job = js.publish(js.post(employer_user))
    with pytest.raises(PermissionDenied):
        services_jobs.application_create(actor=clerk_maonan, job=job)


def test_the_employer_reveals_an_applicants_phone_and_it_is_audited(employer_user):
    citizen = testing.citizen("citizen_ls", name="李四", phone="13812345678")
    services_jobs.seeker_save(actor=citizen, person=citizen.person, **WISHES)
    job = js.publish(js.post(employer_user))
    application = services_jobs.application_create(actor=citizen, job=job)
    values = services_jobs.application_contact_reveal(actor=employer_user, application=application)
    assert values == {"name": "李四", "phone": "13812345678"}
    assert AuditEntry.objects.filter(action=AuditAction.REVEAL, actor=employer_user).exists()
    other = testing.employer_user("employer_other", name="茂名市另一家有限公司")
    with pytest.raises(PermissionDenied):
        services_jobs.application_contact_reveal(actor=other, application=application)
