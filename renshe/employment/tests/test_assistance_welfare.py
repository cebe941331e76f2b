"""公益性岗位: recognised people only, within the term limit, counted as employment registration."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from renshe.employment import assistance, rules
from renshe.employment.models import EmploymentRegistration, PublicWelfarePlacement
from renshe.employment.tests import assistance_testing as at
from renshe.registry.models import Employment


@pytest.fixture
def post(clerk_maonan):
    return assistance.welfare_post_create(
        actor=clerk_maonan,
        title="社区保洁员",
        employer=at.employer("茂南区红旗街道社区服务中心"),
        region="440902001",
        headcount=2,
        max_term_months=24,
        monthly_subsidy=1750,
    )


def _recognised(clerk, **kw):
    p = at.person(tags=["disabled"], **kw)
    assistance.difficulty_recognise(actor=clerk, person=p)
    return p


@pytest.mark.django_db
def test_placement_is_an_employment_registration(clerk_maonan, post):
    person = _recognised(clerk_maonan)
    start = timezone.localdate() - timedelta(days=10)
    placement = assistance.welfare_place(actor=clerk_maonan, post=post, person=person, start_date=start, term_months=12)
    assert placement.term_ends_on == rules.add_months(start, 12) - timedelta(days=1)
    job = Employment.objects.get(person=person, end_date__isnull=True)
    assert job.employer == post.employer and job.position == "社区保洁员"
    reg = EmploymentRegistration.objects.get(employment=job)
    assert reg.source == "window" and reg.was_difficult


@pytest.mark.django_db
def test_only_recognised_people(clerk_maonan, post):
    with pytest.raises(ValidationError, match="只安置经认定的就业困难人员"):
        assistance.welfare_place(
            actor=clerk_maonan, post=post, person=at.person(), start_date=timezone.localdate(), term_months=6
        )


@pytest.mark.django_db
def test_term_limit_counts_earlier_placements(clerk_maonan, post):
    person = _recognised(clerk_maonan)
    with pytest.raises(ValidationError) as err:
        assistance.welfare_place(
            actor=clerk_maonan, post=post, person=person, start_date=timezone.localdate(), term_months=25
        )
    assert "term_months" in err.value.message_dict and "24" in str(err.value)
    first = assistance.welfare_place(
        actor=clerk_maonan, post=post, person=person, start_date=date(2023, 1, 1), term_months=12
    )
    assistance.welfare_placement_end(actor=clerk_maonan, placement=first, end_date=date(2023, 12, 31), reason="期满")
    assert not Employment.objects.filter(person=person, end_date__isnull=True).exists()
    with pytest.raises(ValidationError, match="已安置 12 个月"):
        assistance.welfare_place(
            actor=clerk_maonan, post=post, person=person, start_date=date(2024, 3, 1), term_months=13
        )
    assert assistance.welfare_place(
        actor=clerk_maonan, post=post, person=person, start_date=date(2024, 3, 1), term_months=12
    )


@pytest.mark.django_db
def test_headcount_is_a_limit(clerk_maonan, post):
    for _ in range(2):
        assistance.welfare_place(
            actor=clerk_maonan,
            post=post,
            person=_recognised(clerk_maonan),
            start_date=timezone.localdate(),
            term_months=6,
        )
    with pytest.raises(ValidationError, match="已满员"):
        assistance.welfare_place(
            actor=clerk_maonan,
            post=post,
            person=_recognised(clerk_maonan),
            start_date=timezone.localdate(),
            term_months=6,
        )


@pytest.mark.django_db
def test_placements_ending_within_30_days_are_flagged(clerk_maonan, post):
    today = timezone.localdate()
    soon = assistance.welfare_place(
        actor=clerk_maonan,
        post=post,
        person=_recognised(clerk_maonan),
        start_date=rules.add_months(today, -6) + timedelta(days=20),
        term_months=6,
    )
    assistance.welfare_place(
        actor=clerk_maonan, post=post, person=_recognised(clerk_maonan), start_date=today, term_months=6
    )
    assert list(assistance.placements_ending_soon(viewer=clerk_maonan, on_date=today)) == [soon]


@pytest.mark.django_db
def test_post_bad_input_and_permissions(clerk_maonan, clerk_gaozhou, citizen):
    employer = at.employer()
    for kwargs, field in [
        ({"title": ""}, "title"),
        ({"headcount": 0}, "headcount"),
        ({"max_term_months": 37}, "max_term_months"),
        ({"monthly_subsidy": -1}, "monthly_subsidy"),
    ]:
        values = {"title": "护林员", "region": "440902001", "headcount": 1, "max_term_months": 12, **kwargs}
        with pytest.raises(ValidationError) as err:
            assistance.welfare_post_create(actor=clerk_maonan, employer=employer, **values)
        assert field in err.value.message_dict
    with pytest.raises(PermissionDenied):
        assistance.welfare_post_create(actor=citizen, employer=employer, title="x", region="440902001", headcount=1)
    with pytest.raises(PermissionDenied):
        assistance.welfare_post_create(
            actor=clerk_gaozhou, employer=employer, title="x", region="440902001", headcount=1
        )


@pytest.mark.django_db
def test_clerk_of_another_district_cannot_place(clerk_maonan, clerk_gaozhou, post):
    person = _recognised(clerk_maonan)
    with pytest.raises(PermissionDenied):
        assistance.welfare_place(
            actor=clerk_gaozhou, post=post, person=person, start_date=timezone.localdate(), term_months=6
        )
    assert not PublicWelfarePlacement.objects.exists()
