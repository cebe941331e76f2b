"""Job matching at city scale (DESIGN.md target: top 20 postings for one seeker among 200 000 open
jobs under 50 ms p95 on PostgreSQL on the 2-core machine).

On the bench database (after ``seed_demo --scale city``) this generates what the city dataset does not
hold yet — 200 000 published jobs with realistic titles and descriptions for twelve trades in every
district and town, posted by the registry's employers, and 50 000 job seekers taken from the
registry's people — then measures, in a fresh process:

* the cold build of the in-process match index (``renshe.employment.matching.JobIndex``);
* ``jobs_for_seeker(seeker, limit=20)`` for 200 random seekers, warm: p50, p95, max, and the
  throughput of one process running them back to back (queries/s); each figure includes loading the
  seeker and their wishes, the bitset stage, the exact re-scoring of 100 candidates read from
  PostgreSQL, and loading the 20 jobs for display;
* the same seekers through the obvious PostgreSQL-only design — hard filters in SQL and ``ts_rank``
  over the GIN full-text index on the same jieba tokens — as the baseline the index is chosen over.

    .venv/bin/python bench/matching.py                     # 200 000 jobs, 50 000 seekers, 200 queries
    .venv/bin/python bench/matching.py --jobs 20000 --seekers 5000 --queries 50

Prints one ``BENCH_JSON {...}`` line; ``bench/run.py`` runs it as its matching stage and adds
``report_rows(result)`` to the results table. Generation is idempotent: a second run only tops the
dataset up to the numbers asked for.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_P95_MS = 50.0
BENCH_MARK = "bench-"  # share tokens of generated jobs start with it: how a re-run finds them

# --- what the jobs and seekers look like --------------------------------------------------------

# trade: occupation code, titles, description phrases, skills, certificates, education, pay range
TRADES = {
    "家政": (
        "4-10",
        ["家政服务员", "住家保姆", "育婴员", "月嫂", "保洁员", "钟点工", "收纳整理师"],
        [
            "负责家庭日常保洁、整理收纳",
            "照顾老人饮食起居",
            "新生儿护理与产妇月子餐",
            "写字楼公共区域清洁卫生",
            "持家政服务员证优先",
            "南粤家政培训合格优先",
            "做饭干净卫生",
        ],
        ["收纳整理", "做饭", "照顾老人", "母婴护理", "清洁"],
        ["家政服务员证", "育婴员证", "母婴护理证"],
        [None, None, "71"],
        (2300, 6000),
    ),
    "餐饮": (
        "4-03",
        ["粤菜厨师", "厨师", "帮厨", "面点师", "砧板师傅", "餐厅服务员", "传菜员", "早茶点心师", "烧腊师傅"],
        [
            "负责粤菜烹饪、炒锅",
            "熟悉茂名本地菜式",
            "负责切配、打荷与备料",
            "负责早茶点心、包点制作",
            "持中式烹调师证书",
            "粤菜师傅工程学员优先",
            "保持厨房卫生",
            "负责餐厅点单与传菜",
        ],
        ["粤菜", "炒锅", "切配", "点心", "烧腊", "点单"],
        ["中式烹调师（四级）", "中式面点师", "健康证"],
        [None, None, "71", "41"],
        (2800, 9000),
    ),
    "电工": (
        "6",
        ["电工", "维修电工", "低压电工", "水电安装工", "电气维修技术员", "空调安装工", "汽车维修工"],
        [
            "负责工厂设备电气维修",
            "负责配电房值守与维护",
            "负责楼盘水电安装、管线敷设",
            "持低压电工作业证",
            "熟悉PLC编程优先",
            "负责空调安装与售后维修",
            "可倒班",
        ],
        ["电气维修", "配电维护", "水电安装", "PLC", "空调维修"],
        ["低压电工作业证", "高压电工作业证", "制冷作业证"],
        [None, "71", "61", "41", "31"],
        (4000, 9000),
    ),
    "财务": (
        "2",
        ["会计", "出纳", "财务主管", "税务会计", "成本会计", "财务助理"],
        [
            "负责日常账务处理",
            "负责纳税申报与报表编制",
            "熟练使用财务软件",
            "负责现金收付与银行对账",
            "负责成本核算",
            "持初级会计职称",
            "会计相关专业",
        ],
        ["账务处理", "纳税申报", "财务软件", "成本核算", "报表"],
        ["初级会计职称", "中级会计职称"],
        ["61", "31", "31", "21"],
        (3200, 12000),
    ),
    "销售": (
        "4-01",
        ["销售代表", "导购员", "电话销售", "汽车销售顾问", "业务员", "门店店长", "收银员"],
        [
            "负责石化产品销售与客户维护",
            "负责商场门店商品导购",
            "通过电话向客户介绍产品",
            "负责4S店汽车销售",
            "开拓市场完成销售目标",
            "底薪加提成",
            "负责门店收银与陈列",
        ],
        ["客户开发", "沟通", "销售", "收银", "陈列"],
        ["C1驾照"],
        [None, "61", "41", "31"],
        (3000, 12000),
    ),
    "保安": (
        "4-07",
        ["保安员", "门卫", "安保队长", "巡逻保安", "监控员"],
        [
            "负责小区门岗值守与巡逻",
            "负责来访登记与车辆管理",
            "负责监控室值班",
            "持保安员证",
            "退役军人优先",
            "负责安保团队排班与巡查",
        ],
        ["巡逻", "值守", "监控", "消防"],
        ["保安员证", "消防设施操作员证"],
        [None, None, "71"],
        (2600, 6000),
    ),
    "护理": (
        "4-14",
        ["养老护理员", "护工", "护士", "康复护理员", "陪诊员"],
        [
            "负责养老院老人生活照料",
            "协助康复训练",
            "负责住院病人陪护",
            "持护士执业证书",
            "持养老护理员证书",
            "负责病区护理工作",
        ],
        ["老人照料", "康复训练", "陪护", "护理"],
        ["养老护理员证书", "护士执业证书"],
        [None, "71", "31"],
        (3200, 7000),
    ),
    "普工": (
        "6",
        ["普工", "操作工", "包装工", "装配工", "仓管员", "叉车司机", "质检员"],
        [
            "负责流水线操作",
            "负责产品包装、装箱",
            "负责零件装配",
            "负责仓库收发货与盘点",
            "持叉车证",
            "负责产品检验",
            "包吃住",
            "两班倒",
        ],
        ["流水线", "包装", "装配", "叉车", "质检"],
        ["叉车证"],
        [None, None, "71", "61"],
        (3300, 6500),
    ),
    "物流": (
        "4-02",
        ["快递员", "配送员", "货车司机", "仓库理货员", "网约车司机"],
        ["负责片区快件收派", "负责生鲜配送", "持B2驾照，负责城际运输", "负责仓库理货与分拣", "多劳多得"],
        ["配送", "驾驶", "分拣", "理货"],
        ["B2驾照", "C1驾照"],
        [None, None, "71"],
        (3500, 9000),
    ),
    "农业": (
        "5",
        ["果园工人", "荔枝种植技术员", "养殖工", "农机手"],
        ["负责荔枝龙眼果园管理", "负责病虫害防治", "负责生猪养殖与防疫", "负责农机驾驶与维护"],
        ["果树管理", "养殖", "农机驾驶"],
        ["农机驾驶证"],
        [None, None, "71", "41"],
        (2500, 6000),
    ),
    "教育": (
        "4-13",
        ["幼儿教师", "培训讲师", "托育员", "课程顾问"],
        ["负责幼儿园班级保教工作", "持教师资格证", "负责职业技能培训授课", "负责托育机构婴幼儿照护"],
        ["保教", "授课", "照护"],
        ["教师资格证", "保育员证"],
        ["41", "31", "21"],
        (3000, 8000),
    ),
    "信息": (
        "4-04",
        ["网络管理员", "软件开发工程师", "电商运营", "客服专员"],
        ["负责公司网络与服务器维护", "负责Java后端开发", "负责网店运营与推广", "负责在线客服与售后"],
        ["网络维护", "Java", "电商运营", "客服"],
        ["计算机等级证书"],
        ["41", "31", "21"],
        (3500, 15000),
    ),
}
BENEFITS = ["五险一金", "包吃住", "周末双休", "年底双薪", "节日福利", "提供培训", "交通便利", "长期稳定", "有晋升空间"]
COUNTIES = ["440902", "440904", "440981", "440982", "440983"]


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    k = (len(ordered) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def _copy_text(value) -> str:
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    return str(value).replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


def _copy(table: str, columns: list[str], rows) -> int:
    from django.db import connection

    n = 0
    with connection.cursor() as cursor, cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write("\t".join(_copy_text(v) for v in row) + "\n")
            n += 1
    return n


# --- generation --------------------------------------------------------------------------------


def _towns_by_county() -> dict[str, list[str]]:
    from renshe.core.models import Region, RegionLevel

    towns: dict[str, list[str]] = {c: [] for c in COUNTIES}
    for code in Region.objects.filter(level=RegionLevel.TOWN).values_list("code", flat=True):
        towns.setdefault(code[:6], []).append(code)
    return towns


def generate_jobs(count: int, *, seed: int, progress=print) -> int:
    """``count`` published, open jobs posted by registry employers across every district (COPY)."""
    if count <= 0:
        return 0
    from django.db import connection, transaction
    from django.utils import timezone

    from renshe.core.models import Occupation
    from renshe.employment import matching_text
    from renshe.employment.models import Job

    rng = random.Random(seed)
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, region_id FROM registry_employer ORDER BY id LIMIT 200000")
        employers = cursor.fetchall()
    if not employers:
        raise RuntimeError("no employers in the registry: run seed_demo first")
    towns = _towns_by_county()
    occupation_names = dict(Occupation.objects.values_list("code", "name"))
    tokens = matching_text.text_tokens
    now = timezone.now()
    today = timezone.localdate()
    trades = list(TRADES.items())
    columns = [
        "employer_id", "title", "description", "occupation_id", "region_id", "salary_min", "salary_max", "headcount",
        "education_id", "age_min", "age_max", "hours", "status", "review_flags", "review_note", "published_at",
        "expires_on", "share_token", "match_tokens", "created_by_id", "created_at", "updated_at",
    ]  # fmt: skip
    assert set(columns) <= {f.column for f in Job._meta.concrete_fields}

    def rows():
        for i in range(count):
            _trade, (occupation, titles, phrases, _skills, _certs, educations, (low, high)) = rng.choice(trades)
            employer_id, employer_region = rng.choice(employers)
            county = employer_region[:6] if rng.random() < 0.8 else rng.choice(COUNTIES)
            region = county if rng.random() < 0.05 else rng.choice(towns.get(county) or [county])
            title = rng.choice(titles)
            chosen = rng.sample(phrases, 3) + rng.sample(BENEFITS, 2)
            description = "，".join(chosen) + "。"
            desc_tokens: dict[str, None] = {}
            for phrase in chosen:
                desc_tokens.update(dict.fromkeys(tokens(phrase)))
            occ = occupation if rng.random() < 0.85 else None
            pack = matching_text.pack_tokens(
                [tokens(title), tokens(occupation_names.get(occ, "")) if occ else (), desc_tokens]
            )
            salary_min = rng.randrange(low, (low + high) // 2, 100)
            salary_max = salary_min + rng.choice([0, 500, 1000, 2000, 3000])
            age_min, age_max = rng.choice([(None, None)] * 6 + [(18, 45), (18, 50), (18, 55), (20, 60), (25, 50)])
            published = now - timedelta(days=rng.randint(0, 50), minutes=rng.randint(0, 1440))
            yield (
                employer_id, title, description, occ, region, salary_min, salary_max, rng.randint(1, 20),
                rng.choice(educations), age_min, age_max, rng.choice(["full_time"] * 8 + ["part_time", "any"]),
                "published", "[]", "", published.isoformat(), (today + timedelta(days=rng.randint(1, 60))).isoformat(),
                f"{BENCH_MARK}{seed}-{i}-{rng.getrandbits(40):x}"[:24], pack, None, published.isoformat(),
                published.isoformat(),
            )  # fmt: skip
            if (i + 1) % 50_000 == 0:
                progress(f"  jobs: {i + 1:,}/{count:,}")

    started = time.perf_counter()
    with transaction.atomic():
        n = _copy(Job._meta.db_table, columns, rows())
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {Job._meta.db_table}")
    progress(f"  {n:,} jobs in {time.perf_counter() - started:.1f} s")
    return n


def generate_seekers(count: int, *, seed: int, progress=print) -> int:
    """``count`` 求职登记 of registry people of working age, with wishes in one trade each (COPY)."""
    if count <= 0:
        return 0
    from django.db import connection, transaction
    from django.utils import timezone

    from renshe.core.models import Occupation
    from renshe.employment import matching
    from renshe.employment.models import JobSeeker

    rng = random.Random(seed + 1)
    today = timezone.localdate()
    with connection.cursor() as cursor:
        # A random sample of people of working age without a 求职登记 yet.
        cursor.execute(
            "SELECT p.id, p.residence_region_id FROM registry_person p TABLESAMPLE SYSTEM (%s) "
            "WHERE p.birth_date BETWEEN %s AND %s "
            "AND NOT EXISTS (SELECT 1 FROM employment_jobseeker s WHERE s.person_id = p.id) LIMIT %s",
            [
                min(100.0, max(0.5, 100.0 * count * 4 / max(_person_count(), 1))),
                today.replace(year=today.year - 58),
                today.replace(year=today.year - 18),
                count,
            ],
        )
        people = cursor.fetchall()
    if len(people) < count:
        progress(f"  only {len(people):,} people available for seekers")
    towns = _towns_by_county()
    occupation_names = dict(Occupation.objects.values_list("code", "name"))
    now = timezone.now().isoformat()
    trades = list(TRADES.items())
    wishes: dict[int, tuple[list[str], list[str]]] = {}
    columns = [
        "person_id", "status", "visible_to_employers", "desired_titles", "salary_expected", "hours", "available_from",
        "skills", "certificates", "summary", "match_tokens", "created_at", "updated_at",
    ]  # fmt: skip

    def rows():
        for person_id, residence in people:
            _trade, (occupation, titles, _phrases, skills, certs, _edu, (low, high)) = rng.choice(trades)
            desired_titles = "、".join(rng.sample(titles, min(len(titles), rng.choice([1, 1, 2]))))
            skill_text = " ".join(rng.sample(skills, min(len(skills), 2)))
            cert_text = rng.choice(certs) if rng.random() < 0.4 else ""
            occupations = [occupation] if rng.random() < 0.6 else []
            roll = rng.random()
            county = residence[:6]
            if roll < 0.2:
                regions: list[str] = []
            elif roll < 0.6:
                regions = [county]
            else:
                regions = rng.sample(towns.get(county) or [county], min(2, len(towns.get(county) or [county])))
            wishes[person_id] = (occupations, regions)
            pack = matching.seeker_match_tokens(
                desired_titles=desired_titles,
                occupation_names=[occupation_names[o] for o in occupations],
                skills=skill_text,
                certificates=cert_text,
                summary="",
            )
            yield (
                person_id, "seeking", rng.random() < 0.7, desired_titles,
                rng.randrange(low, (low + high) // 2 + 100, 100) if rng.random() < 0.8 else None,
                rng.choice(["full_time"] * 6 + ["any"] * 3 + ["part_time"]), None, skill_text, cert_text, "", pack,
                now, now,
            )  # fmt: skip

    started = time.perf_counter()
    with transaction.atomic():
        n = _copy(JobSeeker._meta.db_table, columns, rows())
        ids = dict(
            JobSeeker.objects.filter(person_id__in=list(wishes))
            .values_list("person_id", "id")
            .iterator(chunk_size=10000)
        )
        _copy(
            JobSeeker.desired_regions.through._meta.db_table,
            ["jobseeker_id", "region_id"],
            ((ids[p], r) for p, (_o, regions) in wishes.items() for r in regions),
        )
        _copy(
            JobSeeker.desired_occupations.through._meta.db_table,
            ["jobseeker_id", "occupation_id"],
            ((ids[p], o) for p, (occupations, _r) in wishes.items() for o in occupations),
        )
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {JobSeeker._meta.db_table}")
    progress(f"  {n:,} seekers in {time.perf_counter() - started:.1f} s")
    return n


def _person_count() -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples::bigint FROM pg_class WHERE relname = 'registry_person'")
        row = cursor.fetchone()
    return int(row[0]) if row and row[0] and row[0] > 0 else 1_000_000


def ensure_dataset(*, jobs: int, seekers: int, seed: int, progress=print) -> dict:
    """Top the database up to ``jobs`` open jobs and ``seekers`` seekers (a re-run adds nothing)."""
    from django.utils import timezone

    from renshe.employment.models import Job, JobSeeker

    today = timezone.localdate()
    open_jobs = Job.objects.filter(status="published", expires_on__gte=today).count()
    have_seekers = JobSeeker.objects.count()
    started = time.perf_counter()
    added_jobs = generate_jobs(jobs - open_jobs, seed=seed + open_jobs, progress=progress)
    added_seekers = generate_seekers(seekers - have_seekers, seed=seed + have_seekers, progress=progress)
    return {
        "open_jobs": open_jobs + added_jobs,
        "seekers": have_seekers + added_seekers,
        "added_jobs": added_jobs,
        "added_seekers": added_seekers,
        "generate_seconds": time.perf_counter() - started,
    }


# --- measurement -------------------------------------------------------------------------------


def _rss_mb() -> float:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _sample_seekers(queries: int, seed: int) -> list[int]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT id FROM employment_jobseeker WHERE status = 'seeking' ORDER BY id")
        ids = [r[0] for r in cursor.fetchall()]
    return random.Random(seed).sample(ids, min(queries, len(ids)))


def _load_seeker(pk: int):
    from renshe.employment.models import JobSeeker

    return (
        JobSeeker.objects.select_related("person", "person__education")
        .prefetch_related("desired_occupations", "desired_regions")
        .get(pk=pk)
    )


def _fts_baseline(profile, query, today: date) -> int:
    """The PostgreSQL-only design: hard filters in SQL, ``ts_rank`` over the GIN index, top 20."""
    from django.db import connection

    if not query.weights:
        return 0
    where = ["j.status = 'published'", "(j.expires_on IS NULL OR j.expires_on >= %s)"]
    params: list = [today]
    if profile.regions:
        where.append("substr(j.region_id, 1, 6) = ANY(%s)")
        params.append(sorted({c[:6] for c in profile.regions}))
    if profile.hours != "any":
        where.append("j.hours IN (%s, 'any')")
        params.append(profile.hours)
    where.append("(j.education_id IS NULL OR e.rank <= %s)")
    params.append(profile.education_rank or 0)
    where.append("(j.age_min IS NULL OR j.age_min <= %s) AND (j.age_max IS NULL OR j.age_max >= %s)")
    params += [profile.age, profile.age]
    tsquery = " | ".join(query.weights)
    sql = (
        "SELECT j.id, ts_rank(to_tsvector('simple'::regconfig, j.match_tokens), q) AS rank "
        "FROM employment_job j LEFT JOIN core_educationlevel e ON e.code = j.education_id, "
        "to_tsquery('simple', %s) q "
        f"WHERE to_tsvector('simple'::regconfig, j.match_tokens) @@ q AND {' AND '.join(where)} "
        "ORDER BY rank DESC LIMIT 20"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [tsquery, *params])
        return len(cursor.fetchall())


def measure(*, queries: int, seed: int, progress=print) -> dict:
    from django.utils import timezone

    from renshe.employment import matching

    today = timezone.localdate()
    index = matching.job_index()
    index.reset()
    rss_before = _rss_mb()
    started = time.perf_counter()
    data = index.ensure_fresh(today)
    build_seconds = time.perf_counter() - started
    rss_after = _rss_mb()
    progress(f"  index: {data.live:,} open jobs built in {build_seconds:.1f} s, +{rss_after - rss_before:.0f} MB RSS")

    sample = _sample_seekers(queries + 10, seed)
    warmup, sample = sample[:10], sample[10:]
    for pk in warmup:
        matching.jobs_for_seeker(_load_seeker(pk), limit=20, today=today)

    latencies, index_only, fts, results = [], [], [], []
    for pk in sample:
        t0 = time.perf_counter()
        seeker = _load_seeker(pk)
        matches = matching.jobs_for_seeker(seeker, limit=20, today=today)
        latencies.append((time.perf_counter() - t0) * 1000)
        results.append(len(matches))
        profile = matching.seeker_profile(seeker, today=today)
        t1 = time.perf_counter()
        _ids, query, _n = index.query(
            profile, matching.RERANK_CANDIDATES, lambda df, n, p=profile: matching.build_query(p, df, n), today
        )
        index_only.append((time.perf_counter() - t1) * 1000)
        t2 = time.perf_counter()
        _fts_baseline(profile, query, today)
        fts.append((time.perf_counter() - t2) * 1000)
    total = sum(latencies) / 1000

    def summary(values: list[float]) -> dict:
        return {
            "p50_ms": _percentile(values, 0.5),
            "p95_ms": _percentile(values, 0.95),
            "max_ms": max(values) if values else 0.0,
            "mean_ms": statistics.fmean(values) if values else 0.0,
        }

    return {
        "open_jobs": data.live,
        "queries": len(sample),
        "build_seconds": build_seconds,
        "index_rss_mb": rss_after - rss_before,
        "matching": summary(latencies),
        "bitset_stage": summary(index_only),
        "fts_baseline": summary(fts),
        "throughput_qps": len(sample) / total if total else 0.0,
        "mean_results": statistics.fmean(results) if results else 0.0,
        "loadavg": os.getloadavg()[0],
    }


def run(*, jobs: int = 200_000, seekers: int = 50_000, queries: int = 200, seed: int = 2026, progress=print) -> dict:
    """Generate what is missing, then measure. Needs Django set up on the bench database."""
    dataset = ensure_dataset(jobs=jobs, seekers=seekers, seed=seed, progress=progress)
    progress(f"  dataset: {dataset['open_jobs']:,} open jobs, {dataset['seekers']:,} seekers")
    return {"dataset": dataset, **measure(queries=queries, seed=seed, progress=progress)}


# --- the results table ------------------------------------------------------------------------


def report_rows(result: dict, label: str = "e") -> list[str]:
    """Rows for bench/run.py's table: | | what | measured | baseline | ratio | target | |"""
    m, fts = result["matching"], result["fts_baseline"]
    passed = m["p95_ms"] < TARGET_P95_MS
    return [
        f"| {label} | job matching: top 20 of {result['open_jobs']:,} open jobs for one seeker "
        f"({result['queries']} random seekers of {result['dataset']['seekers']:,}; `jobs_for_seeker`, warm) "
        f"| p50 {m['p50_ms']:.1f} ms, p95 {m['p95_ms']:.1f} ms (max {m['max_ms']:.0f} ms); "
        f"{result['throughput_qps']:.0f} queries/s in one process (load {result['loadavg']:.1f}) "
        f"| PostgreSQL full-text (`ts_rank` on the GIN index, same words and filters): p50 {fts['p50_ms']:.1f} ms, "
        f"p95 {fts['p95_ms']:.1f} ms | {fts['p95_ms'] / m['p95_ms']:.1f}× faster at p95 "
        f"| p95 < {TARGET_P95_MS:.0f} ms | {'✅' if passed else '❌'} |",
        f"| {label}′ | the match index: cold build of {result['open_jobs']:,} jobs in one worker "
        f"| {result['build_seconds']:.1f} s, +{result['index_rss_mb']:.0f} MB RSS; bitset stage alone "
        f"p50 {result['bitset_stage']['p50_ms']:.1f} ms, p95 {result['bitset_stage']['p95_ms']:.1f} ms "
        f"| — | — | (information) | — |",
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--jobs", type=int, default=200_000)
    parser.add_argument("--seekers", type=int, default=50_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "renshe.settings")
    import django

    django.setup()
    from django.db import connection

    if connection.vendor != "postgresql":
        print("bench/matching.py needs the bench PostgreSQL database (DATABASE_URL)", file=sys.stderr)
        return 2
    result = run(jobs=args.jobs, seekers=args.seekers, queries=args.queries, seed=args.seed)
    print("BENCH_JSON " + json.dumps(result, ensure_ascii=False, default=str), flush=True)
    print("\n".join(report_rows(result)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
