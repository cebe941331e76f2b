"""``manage.py seed_demo``: a deterministic, valid, idempotent demo city with the demo accounts."""

from __future__ import annotations

import io
from collections import Counter
from datetime import UTC, date, datetime

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection

from renshe.accounts.models import Role, User
from renshe.audit.models import AuditAction, AuditEntry
from renshe.core.identity import MAOMING_COUNTY_CODES, is_valid_uscc, parse_resident_id
from renshe.core.reference import COUNTIES, town_kind, town_rows
from renshe.core.text import name_initials
from renshe.registry import demo, selectors
from renshe.registry.models import Employer, Employment, Person

FIXED_NOW = datetime(2026, 1, 1, 8, 0, tzinfo=UTC)
TOWNS = [demo.Town(r["code"], r["name"], r["county_code"], town_kind(r["code"])) for r in town_rows()]
NON_LOCAL = {code for code, _name, _weight in demo.NON_LOCAL_COUNTIES}


def generate(seed: int, people: int = 2_000, employers: int = 100, **extra) -> tuple[list, list, list, list]:
    gen = demo.CityGenerator(
        towns=TOWNS,
        county_names=dict(COUNTIES),
        seed=seed,
        people_count=people,
        employers_count=employers,
        now=FIXED_NOW,
        **extra,
    )
    employer_rows = list(gen.employers())
    person_rows = list(gen.people())
    return employer_rows, person_rows, gen.take_employments(), gen.take_tags()


# --- the generator (no database) ------------------------------------------------------------


def test_same_seed_same_city_and_another_seed_another():
    assert generate(7) == generate(7)
    assert generate(7)[1] != generate(8)[1]


def test_identity_numbers_agree_with_birth_date_sex_and_region():
    _employers, people, _jobs, _tags = generate(11, people=20_000)
    numbers = [row[3] for row in people]
    assert len(set(numbers)) == len(numbers)
    historic = {code for codes in demo.HISTORIC_ID_CODES.values() for code, _b, _s in codes}
    for _pk, name, initials, number, born, gender, phone, household, _haddr, residence, *_rest in people:
        parsed = parse_resident_id(number, today=demo.AS_OF)
        assert (parsed.birth_date.isoformat(), parsed.gender) == (born, gender)
        assert parsed.region_code in MAOMING_COUNTY_CODES or parsed.region_code in NON_LOCAL
        if household is None:  # a non-local worker
            assert parsed.region_code in NON_LOCAL
        else:
            current = household[:6]
            assert parsed.region_code == current or parsed.region_code in historic
            if parsed.region_code in historic:
                assert parsed.birth_date.year < 2014
        assert residence[:4] == "4409"
        assert initials == name_initials(name)
        assert phone == "" or (len(phone) == 11 and phone[0] == "1" and phone[1] in "3456789")


def test_shapes_look_like_maoming():
    _employers, people, jobs, tags = generate(3, people=30_000, employers=500)
    counties = Counter(row[9][:6] for row in people)
    share = {code: n / len(people) for code, n in counties.items()}
    for code, population in demo.COUNTY_POPULATION.items():
        assert share[code] == pytest.approx(population / 6_200_000, abs=0.02)
    sexes = Counter(row[5] for row in people)
    assert 1.02 < sexes["M"] / sexes["F"] < 1.12
    ages = [demo.AS_OF.year - int(row[4][:4]) for row in people]
    assert min(ages) >= 0 and max(ages) <= demo.MAX_AGE + 1
    working = sum(1 for a in ages if 15 <= a < 60) / len(ages)
    assert 0.55 < working < 0.68
    non_local = sum(1 for row in people if row[7] is None) / len(people)
    assert 0.03 < non_local < 0.07
    surnames = Counter(row[1][0] for row in people)
    assert [s for s, _n in surnames.most_common(4)] == ["陈", "李", "黄", "梁"]
    assert len(jobs) > len(people) * 0.2
    assert all(end is None or end >= start for _id, _p, _e, start, end, *_rest in jobs)
    assert {code for _p, code in tags} <= {"migrant_worker", "graduate", "veteran", "disabled", "poverty_alleviated",
                                           "employment_difficulty", "rural_labour"}  # fmt: skip


def test_employers_have_valid_unique_credit_codes():
    employers, _people, _jobs, _tags = generate(5, people=10, employers=2_000)
    codes = [row[1] for row in employers]
    assert len(set(codes)) == len(codes)
    assert all(is_valid_uscc(code) for code in codes)
    assert all(code[2:8] == row[4][:6] for code, row in zip(codes, employers, strict=True))
    sizes = Counter(row[5] for row in employers)
    assert sizes["micro"] + sizes["small"] > 0.85 * len(employers)


def test_identity_slots_never_run_out_or_collide():
    alloc = demo.IdAllocator(["440902"], date(1990, 1, 1), date(1990, 1, 10))
    born = date(1990, 1, 5).toordinal()
    numbers = [alloc.allocate("440902", born, male)[0] for male in (True, False) for _ in range(1_500)]
    assert len(set(numbers)) == 3_000  # 400 a day and sex, then the neighbouring days
    for number in numbers:
        parsed = parse_resident_id(number)
        assert date(1990, 1, 1) <= parsed.birth_date <= date(1990, 1, 10)
    assert Counter(parse_resident_id(n).gender for n in numbers) == {"M": 1_500, "F": 1_500}


def test_city_extra_and_fixed_slots_partition_a_day_whatever_the_allocator():
    born = demo.DEMO_PERSON["born"]
    city = demo.IdAllocator(["440902"], born, born)
    extra = demo.IdAllocator(
        ["440904", "440902"],
        date(1930, 1, 1),
        date(2020, 1, 1),
        start=demo.EXTRA_SLOTS.start,
        limit=demo.EXTRA_SLOTS.stop,
    )
    drawn = [city.allocate("440902", born.toordinal(), True)[0] for _ in range(demo.SEED_SLOTS)]
    drawn += [extra.allocate("440902", born.toordinal(), True)[0] for _ in range(len(demo.EXTRA_SLOTS))]
    drawn.append(demo.demo_person_id_number())
    assert len(set(drawn)) == 500  # every odd sequence number of that day, each once
    assert {parse_resident_id(n).birth_date for n in drawn} == {born}


def test_extra_people_and_fixed_person_use_slots_the_city_never_draws():
    _e, city, _j, _t = generate(2, people=20_000)
    _e, extra, _j, _t = generate(2, people=20_000, id_slots=(demo.EXTRA_SLOTS.start, demo.EXTRA_SLOTS.stop))
    city_numbers = {row[3] for row in city}
    assert not city_numbers & {row[3] for row in extra}
    assert demo.demo_person_id_number() not in city_numbers


# --- seeding the database -------------------------------------------------------------------


@pytest.mark.django_db
def test_seed_writes_valid_consistent_rows_and_one_audit_entry():
    result = demo.seed_demo(scale="small", seed=42, people=1_500, employers=120)
    assert result.created
    assert Person.objects.count() == 1_500 + 1  # and 张三
    assert Employer.objects.count() == 120 + 1
    assert Employment.objects.count() == result.counts["employments"] > 0
    for number, born, gender in Person.objects.values_list("id_number", "birth_date", "gender"):
        parsed = parse_resident_id(number)
        assert (parsed.birth_date, parsed.gender) == (born, gender)
    assert all(is_valid_uscc(code) for code in Employer.objects.values_list("credit_code", flat=True))
    entries = AuditEntry.objects.filter(action=AuditAction.IMPORT, object_type="registry.person")
    assert entries.count() == 1
    assert entries.get().changes["persons"] == 1_500
    # New rows after the explicit-id load get fresh ids (the sequences were moved on).
    assert Person.objects.get(name="张三").pk > 1_500


@pytest.mark.django_db
def test_second_run_creates_nothing():
    first = demo.seed_demo(scale="small", people=300, employers=20)
    counts = (Person.objects.count(), Employer.objects.count(), Employment.objects.count(), User.objects.count())
    second = demo.seed_demo(scale="small", people=300, employers=20)
    assert not second.created
    assert second.counts == first.counts
    assert (
        Person.objects.count(),
        Employer.objects.count(),
        Employment.objects.count(),
        User.objects.count(),
    ) == counts
    assert AuditEntry.objects.filter(action=AuditAction.IMPORT, object_type="registry.person").count() == 1


@pytest.mark.django_db
def test_another_scale_on_a_seeded_database_is_refused():
    demo.seed_demo(scale="small", people=50, employers=5)
    with pytest.raises(CommandError, match="small"):
        call_command("seed_demo", "--scale", "city", "--people", "50", stdout=io.StringIO())
    assert Person.objects.count() == 51


@pytest.mark.django_db
def test_demo_accounts_have_their_roles_regions_and_the_demo_password():
    demo.seed_demo(scale="small", people=200, employers=10)
    expected = {
        "city_admin": (Role.ADMIN, "440900"),
        "leader": (Role.LEADER, "440900"),
        "statistician": (Role.STATISTICIAN, "440900"),
        "auditor": (Role.AUDITOR, "440900"),
        "clerk_maonan": (Role.CLERK, "440902"),
        "reviewer_maonan": (Role.REVIEWER, "440902"),
        "clerk_gaozhou": (Role.CLERK, "440981"),
        "reviewer_gaozhou": (Role.REVIEWER, "440981"),
        "arbitrator": (Role.ARBITRATOR, "440900"),
        "inspector": (Role.INSPECTOR, "440900"),
    }
    for username, (role, region) in expected.items():
        user = User.objects.get(username=username)
        assert (user.role, user.org_unit.region_id) == (role, region)
        assert user.check_password(settings.DEMO_PASSWORD)
        assert user.groups.filter(name=role).exists()
    assert User.objects.get(username="training_org").role == Role.TRAINING_ORG
    employer_user = User.objects.get(username="employer_demo")
    assert employer_user.role == Role.EMPLOYER and is_valid_uscc(employer_user.employer.credit_code)
    citizen = User.objects.get(username="citizen_demo")
    assert citizen.role == Role.CITIZEN
    assert (citizen.person.name, citizen.person.residence_region_id) == ("张三", "440902001")


@pytest.mark.django_db
def test_zhang_san_is_found_by_his_initials():
    demo.seed_demo(scale="small", people=300, employers=10)
    assert Person.objects.filter(selectors.person_search_q("zs"), name="张三").exists()
    clerk = User.objects.get(username="clerk_maonan")
    first_page = list(selectors.person_list(viewer=clerk, query="zs")[:21])
    assert "张三" in [p.name for p in first_page]
    assert all(p.name_initials.startswith("zs") for p in first_page)


@pytest.mark.django_db
def test_command_prints_the_accounts_each_time():
    out = io.StringIO()
    call_command("seed_demo", "--scale", "small", "--people", "100", "--employers", "5", stdout=out)
    first = out.getvalue()
    for username, *_rest in demo.DEMO_ACCOUNTS:
        assert username in first
    assert settings.DEMO_PASSWORD in first
    out = io.StringIO()
    call_command("seed_demo", "--scale", "small", stdout=out)
    assert "已存在" in out.getvalue() and "clerk_gaozhou" in out.getvalue()


@pytest.mark.django_db
@pytest.mark.postgres_only  # deselected in the SQLite run (make test-sqlite), run in make test-postgres
def test_deferred_indexes_and_foreign_keys_come_back_with_their_names():
    tables = "('registry_person'::regclass, 'registry_employment'::regclass, 'registry_employer'::regclass,"
    tables += " 'registry_person_tags'::regclass)"

    def catalogue():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT indexrelid::regclass::text, pg_get_indexdef(indexrelid) FROM pg_index"
                f" WHERE indrelid IN {tables} ORDER BY 1"
            )
            indexes = cursor.fetchall()
            cursor.execute(
                "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid), condeferrable, condeferred"
                f" FROM pg_constraint WHERE conrelid IN {tables} ORDER BY 1, 2"
            )
            return indexes, cursor.fetchall()

    before = catalogue()
    demo.seed_demo(scale="small", people=300, employers=10, defer_indexes=True)
    assert catalogue() == before
