"""The bitset index behind jobs-for-a-seeker: its arithmetic, its refresh, and that it finds exactly
what scoring every open job one by one would find."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from renshe import testing
from renshe.employment import matching, services_jobs
from renshe.employment.matching_index import _add_weighted, _bits_from_slots, _positions, _top_k
from renshe.employment.models import Job
from renshe.employment.models.jobs import JobStatus
from renshe.employment.tests import jobs_support as js

# --- arithmetic --------------------------------------------------------------------------------


def _value(slices: list[int], pos: int) -> int:
    return sum(((s >> pos) & 1) << i for i, s in enumerate(slices))


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(st.frozensets(st.integers(0, 199), max_size=60), st.integers(0, 300)), max_size=12),
)
def test_bit_sliced_sums_equal_plain_sums(addends):
    slices: list[int] = []
    expected = [0] * 200
    for slots, weight in addends:
        _add_weighted(slices, _bits_from_slots(slots, 200), weight)
        for s in slots:
            expected[s] += weight
    assert [_value(slices, p) for p in range(200)] == expected


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.integers(0, 500), min_size=1, max_size=150),
    st.frozensets(st.integers(0, 149)),
    st.integers(1, 30),
)
def test_top_k_picks_the_highest_scores_among_candidates(scores, candidate_slots, k):
    n = len(scores)
    slices: list[int] = []
    for pos, score in enumerate(scores):
        _add_weighted(slices, 1 << pos, score)
    candidates = _bits_from_slots([c for c in candidate_slots if c < n], n)
    chosen = _positions(_top_k(slices, candidates, k))
    pool = sorted((scores[c] for c in _positions(candidates)), reverse=True)
    assert len(chosen) == min(k, len(pool))
    assert set(chosen) <= set(_positions(candidates))
    if chosen:
        threshold = pool[len(chosen) - 1]
        assert all(scores[c] >= threshold for c in chosen)


def test_positions_reads_every_set_bit():
    slots = [0, 1, 7, 8, 63, 64, 1000, 4095]
    assert _positions(_bits_from_slots(slots, 4096)) == slots
    assert _positions(0) == []


# --- the index against the database ---------------------------------------------------------------


@pytest.fixture
def fresh_index(settings):
    settings.MATCH_INDEX_REFRESH_SECONDS = 0
    return matching.JobIndex(always_rebuild=False)


def _query(index, seeker, today=None) -> list[int]:
    profile = matching.seeker_profile(seeker)
    return index.query(profile, 10, lambda df, n: matching.build_query(profile, df, n), today)[0]


@pytest.mark.django_db
def test_refresh_adds_changes_and_drops_jobs(fresh_index, employer_user):
    first = js.published_job(title="粤菜厨师")
    cook = js.seeker(desired_titles="粤菜厨师", skills="粤菜 炒锅")
    ids = _query(fresh_index, cook)
    assert ids == [first.pk]

    second = js.published_job(title="粤菜炒锅师傅", description="粤菜炒锅")
    ids = _query(fresh_index, cook)
    assert set(ids) == {first.pk, second.pk}

    services_jobs.job_transition(job=first, action="withdraw", actor=None)
    ids = _query(fresh_index, cook)
    assert ids == [second.pk]

    # An edit sends the job back to review: it leaves the index until approved again.
    owned = js.post(employer_user, title="粤菜厨师（早茶）")
    js.publish(owned)
    assert owned.pk in _query(fresh_index, cook)
    services_jobs.job_update(actor=employer_user, job=owned, title="面点师", description="早茶点心制作")
    assert owned.pk not in _query(fresh_index, cook)
    data = fresh_index.ensure_fresh()
    assert data.dead >= 2


@pytest.mark.django_db
def test_a_job_leaves_the_index_the_day_after_its_last_day(fresh_index):
    job = js.published_job(title="保洁员", description="写字楼保洁")
    last_day = timezone.localdate() + timedelta(days=3)
    Job.objects.filter(pk=job.pk).update(expires_on=last_day)
    fresh_index.reset()
    seeker = js.seeker(desired_titles="保洁")
    assert _query(fresh_index, seeker, today=last_day) == [job.pk]
    assert _query(fresh_index, seeker, today=last_day + timedelta(days=1)) == []


@pytest.mark.django_db
def test_a_rebuild_happens_beside_the_live_index(fresh_index, settings):
    js.published_job(title="电工", description="配电维护")
    seeker = js.seeker(desired_titles="电工")
    before = fresh_index.ensure_fresh()
    settings.MATCH_INDEX_REBUILD_SECONDS = 0
    after = fresh_index.ensure_fresh()
    assert after is not before
    assert _query(fresh_index, seeker)


# --- the bitset stage finds what brute force finds -----------------------------------------------

TRADES = [
    ("保洁员", "写字楼保洁 清洁卫生", "4-10"),
    ("家政服务员", "家庭保洁 做饭 照顾老人", "4-10"),
    ("粤菜厨师", "粤菜烹饪 炒锅 切配", "4-03"),
    ("帮厨", "切配 打荷 厨房卫生", "4-03"),
    ("维修电工", "电气维修 配电 低压电工作业证", "6"),
    ("会计", "账务处理 纳税申报", "2"),
    ("销售代表", "客户开发 销售", "4-01"),
    ("保安员", "门岗值守 巡逻", "4-07"),
    ("养老护理员", "老人照料 康复训练", "4-14"),
    ("普工", "流水线 包装", "6"),
]
PLACES = ["440902", "440902001", "440902003", "440904003", "440981002", "440982001", "440983001"]
EDUCATIONS = [None, None, "71", "61", "31", "21"]
HOURS = ["full_time", "full_time", "part_time", "any"]


@pytest.mark.django_db
def test_index_and_brute_force_agree_and_constraints_hold():
    rng = random.Random(2026)
    employer = testing.employer(name="茂名市随机岗位有限公司")
    jobs = []
    for _ in range(60):
        title, description, occupation = rng.choice(TRADES)
        age_min = rng.choice([None, None, 18, 25])
        age_max = rng.choice([None, None, 45, 55, 60])
        salary_min = rng.choice([1800, 2500, 3500, 5000])
        jobs.append(
            js.published_job(
                employer,
                title=title,
                description=description,
                occupation=occupation,
                region=rng.choice(PLACES),
                education=rng.choice(EDUCATIONS),
                age_min=age_min,
                age_max=age_max,
                hours=rng.choice(HOURS),
                salary_min=salary_min,
                salary_max=salary_min + rng.choice([0, 500, 2000]),
            )
        )
    today = timezone.localdate()
    for i in range(25):
        title, _d, occupation = rng.choice(TRADES)
        seeker = js.seeker(
            name=f"求职者{i}",
            region=rng.choice(PLACES[1:]),
            born=date(rng.randint(1960, 2006), rng.randint(1, 12), 1),
            education=rng.choice(EDUCATIONS),
            desired_titles=title,
            skills=rng.choice(TRADES)[1],
            desired_regions=rng.sample(PLACES, rng.choice([0, 1, 2])),
            desired_occupations=rng.choice([[], [occupation]]),
            hours=rng.choice(HOURS),
            salary_expected=rng.choice([None, 3000, 5000]),
        )
        profile = matching.seeker_profile(seeker)
        found = matching.jobs_for_profile(profile, limit=10)
        df, n = matching.job_index().df_lookup()
        query = matching.build_query(profile, df, n)
        brute = []
        for job in Job.objects.filter(status=JobStatus.PUBLISHED).select_related("education"):
            m = matching.score_pair(profile, matching.job_profile(job), query, today)
            if m is not None:
                brute.append(m)
        brute.sort(key=lambda m: (-m.score, -m.job_id))
        assert [round(m.score, 6) for m in found] == [round(m.score, 6) for m in brute[:10]], i
        for m in found:
            assert matching.hard_constraints_ok(profile, matching.job_profile(m.job), today)
