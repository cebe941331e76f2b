"""Who sees which registry rows: the one visible_to() per model (STYLE.md habits 3 and 4)."""

from __future__ import annotations

from datetime import date

import pytest
from django.http import Http404

from renshe import testing
from renshe.accounts.models import Role
from renshe.registry import selectors, services

pytestmark = pytest.mark.django_db

DISTRICT_TOWNS = {
    "440902": "440902001",  # 茂南
    "440904": "440904001",  # 电白
    "440981": "440981002",  # 高州
    "440982": "440982001",  # 化州
    "440983": "440983001",  # 信宜
}


@pytest.fixture
def city(db):
    """One person and one employer in each of the five districts."""
    persons = {c: testing.person(name=f"居民{c}", region=t) for c, t in DISTRICT_TOWNS.items()}
    employers = {c: testing.employer(name=f"单位{c}", region=t) for c, t in DISTRICT_TOWNS.items()}
    return persons, employers


def _ids(qs):
    return set(qs.values_list("pk", flat=True))


def test_clerk_sees_own_district_only(city, clerk_maonan):
    persons, employers = city
    assert _ids(selectors.persons_visible_to(clerk_maonan)) == {persons["440902"].pk}
    assert _ids(selectors.employers_visible_to(clerk_maonan)) == {employers["440902"].pk}


def test_city_admin_sees_all_five_districts(city, city_admin):
    persons, employers = city
    assert _ids(selectors.persons_visible_to(city_admin)) == {p.pk for p in persons.values()}
    assert _ids(selectors.employers_visible_to(city_admin)) == {e.pk for e in employers.values()}


def test_town_clerk_sees_own_town_only(city):
    extra = testing.person(name="河西居民", region="440902002")
    town_clerk = testing.staff("clerk_hongqi", Role.CLERK, "440902001")
    visible = _ids(selectors.persons_visible_to(town_clerk))
    assert city[0]["440902"].pk in visible
    assert extra.pk not in visible


def test_citizen_sees_only_their_own_record(city, citizen):
    assert _ids(selectors.persons_visible_to(citizen)) == {citizen.person_id}
    assert not selectors.employers_visible_to(citizen).exists()


def test_employer_sees_itself_and_the_people_it_currently_employs(city, employer_user, clerk_maonan):
    persons, _employers = city
    own = employer_user.employer
    assert _ids(selectors.employers_visible_to(employer_user)) == {own.pk}
    assert not selectors.persons_visible_to(employer_user).exists()
    job = services.employment_start(
        actor=clerk_maonan, person=persons["440902"], employer=own, start_date=date(2024, 1, 1), contract_type="fixed"
    )
    assert _ids(selectors.persons_visible_to(employer_user)) == {persons["440902"].pk}
    assert _ids(selectors.employments_visible_to(employer_user)) == {job.pk}
    services.employment_end(actor=clerk_maonan, employment=job, end_date=date(2024, 6, 30))
    assert not selectors.persons_visible_to(employer_user).exists()


@pytest.mark.parametrize("role", [Role.AUDITOR, Role.STATISTICIAN, Role.LEADER])
def test_roles_without_registry_permissions_see_nothing(city, role):
    viewer = testing.staff(f"viewer_{role}", role, "440900")
    assert not selectors.persons_visible_to(viewer).exists()
    assert not selectors.employers_visible_to(viewer).exists()
    assert not selectors.employments_visible_to(viewer).exists()


def test_anonymous_sees_nothing(city):
    from django.contrib.auth.models import AnonymousUser

    assert not selectors.persons_visible_to(AnonymousUser()).exists()
    assert not selectors.employers_visible_to(AnonymousUser()).exists()


def test_get_or_404_is_the_same_for_missing_and_forbidden(city, clerk_maonan):
    persons, employers = city
    assert selectors.get_person_for_user_or_404(clerk_maonan, persons["440902"].pk) == persons["440902"]
    for pk in (persons["440981"].pk, 999_999, "abc"):
        with pytest.raises(Http404):
            selectors.get_person_for_user_or_404(clerk_maonan, pk)
    with pytest.raises(Http404):
        selectors.get_employer_for_user_or_404(clerk_maonan, employers["440981"].pk)


def test_employments_are_visible_from_either_side(city, clerk_maonan, clerk_gaozhou, city_admin):
    persons, employers = city
    job = services.employment_start(
        actor=city_admin,
        person=persons["440902"],
        employer=employers["440981"],
        start_date=date(2024, 1, 1),
        contract_type="fixed",
    )
    assert _ids(selectors.employments_visible_to(clerk_maonan)) == {job.pk}
    assert _ids(selectors.employments_visible_to(clerk_gaozhou)) == {job.pk}
    huazhou = testing.staff("clerk_huazhou", Role.CLERK, "440982")
    assert not selectors.employments_visible_to(huazhou).exists()


@pytest.mark.parametrize(
    ("query", "expected"),
    [("zs", {"张三"}), ("张", {"张三"}), ("李四", {"李四"}), ("ls", {"李四"}), ("", {"张三", "李四"})],
)
def test_person_search_by_name_initials(city_admin, query, expected):
    testing.person(name="张三")
    testing.person(name="李四")
    names = set(selectors.person_list(viewer=city_admin, query=query).values_list("name", flat=True))
    assert names == expected


def test_person_search_by_identity_number_and_phone(city_admin):
    person = testing.person(name="王五", phone="13812345678")
    testing.person(name="赵六", id_number=testing.id_number("440904"))

    def by(q):
        return set(selectors.person_list(viewer=city_admin, query=q))

    assert by(person.id_number) == {person}
    assert by(person.id_number.lower()) == {person}
    assert by("440902") == {person}
    assert by("4409") == set()  # too short for a number prefix: taken for a name
    assert by("13812345678") == {person}  # an 11-digit mobile number is not taken for a number prefix
    hebei = testing.person(name="河北人", id_number="130102198001010010")
    assert by("13010219800") == {hebei}  # …but a 13/14/15 identity-number prefix still matches


def test_search_never_widens_the_scope(city, clerk_maonan):
    persons, _ = city
    gaozhou = persons["440981"]
    assert not selectors.person_list(viewer=clerk_maonan, query=gaozhou.id_number).exists()
    assert not selectors.person_list(viewer=clerk_maonan, region="440981").exists()


def test_workbench_counts_are_scoped(city, clerk_maonan, city_admin):
    assert selectors.registry_counts_for_user(viewer=clerk_maonan)["persons"] == 1
    counts = selectors.registry_counts_for_user(viewer=city_admin)
    assert counts["persons"] == 5
    assert counts["employers"] == 5
    assert counts["by_county"] == dict.fromkeys(DISTRICT_TOWNS, 1)
