"""人岗匹配: jobs for a seeker and seekers for a job, each match with its reasons.

Both directions score a seeker–job pair with the same function (``score_pair``): hard constraints
first (``rules.region_reachable``, ``education_meets``, ``age_allowed``, ``hours_compatible``; the
job published and not expired), then a relevance score over jieba tokens with weighted fields and
IDF from the open jobs, plus pay fit, place fit and the occupation (``rules.match_score``).

**Jobs for a seeker** (DESIGN.md target: top 20 among 200 000 open jobs under 50 ms p95) come from
the in-process bitset index of the published jobs (``renshe.employment.matching_index``), built from
the tokens the services store on every save (``renshe.employment.matching_text``). Its best
``RERANK_CANDIDATES`` are then scored exactly from their stored tokens, re-checked against the hard
constraints as they are in the database (a stale index can only lose a candidate, never break a
constraint), and the shown ones explained.

**Seekers for a job** (a million seekers, only those who consented): candidates come from the
database — hard constraints as SQL on indexed columns, relevance as a full-text match of the job's
words on ``JobSeeker.match_tokens`` (PostgreSQL: GIN on ``to_tsvector('simple', match_tokens)``;
SQLite: ``LIKE`` on the space-delimited tokens) — and at most ``SEEKER_CANDIDATES`` of them are
scored exactly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from django.db import connection
from django.db.models import BooleanField, Exists, OuterRef, Q
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.translation import gettext as _

from renshe.employment import rules
from renshe.employment.matching_index import JOB_COLUMNS, JobIndex, job_index
from renshe.employment.matching_text import (
    SEEKER_FIELDS,
    job_match_tokens,
    job_token_fields,
    occupation_name,
    occupation_table,
    occupations_related,
    region_name,
    seeker_match_tokens,
    seeker_token_fields,
    text_tokens,
)
from renshe.employment.models import Job, JobSeeker
from renshe.employment.models.jobs import JobStatus

# The words and the index are used through this module by the services, views and tests.
__all__ = [
    "JobIndex",
    "JobProfile",
    "Match",
    "SeekerProfile",
    "build_query",
    "hard_constraints_ok",
    "job_index",
    "job_match_tokens",
    "job_profile",
    "jobs_for_profile",
    "jobs_for_seeker",
    "score_pair",
    "seeker_match_tokens",
    "seeker_profile",
    "seekers_for_job",
    "text_tokens",
]

RERANK_CANDIDATES = 100  # scored exactly after the bitset stage (at least 5 × the number asked for)
QUERY_TOKENS = 24  # a seeker's most telling words (weight × idf) make the query
SEEKER_CANDIDATES = 1000
SEEKER_QUERY_TOKENS = 16

# --- profiles ---------------------------------------------------------------------------------


@dataclass
class SeekerProfile:
    seeker_id: int | None
    tokens: dict[str, frozenset[str]]
    occupations: tuple[str, ...]
    regions: tuple[str, ...]
    residence: str | None
    age: int | None
    education_rank: int | None
    hours: str
    salary_expected: int | None


@dataclass
class JobProfile:
    job_id: int
    tokens: dict[str, frozenset[str]]
    occupation: str | None
    region: str
    salary_min: int
    salary_max: int
    education_rank: int | None
    age_min: int | None
    age_max: int | None
    hours: str
    expires_on: date | None
    status: str = JobStatus.PUBLISHED


def _job_profile(row: tuple) -> JobProfile:
    pk, tokens, occupation, region, smin, smax, edu, amin, amax, hours, expires, status = row
    return JobProfile(
        pk, job_token_fields(tokens), occupation, region, smin, smax, edu, amin, amax, hours, expires, status
    )


def job_profile(job: Job) -> JobProfile:
    return JobProfile(
        job.pk,
        job_token_fields(job.match_tokens),
        job.occupation_id,
        job.region_id,
        job.salary_min,
        job.salary_max,
        job.education.rank if job.education_id else None,
        job.age_min,
        job.age_max,
        job.hours,
        job.expires_on,
        job.status,
    )


def seeker_profile(seeker: JobSeeker, *, today: date | None = None) -> SeekerProfile:
    today = today or timezone.localdate()
    person = seeker.person
    return SeekerProfile(
        seeker.pk,
        seeker_token_fields(seeker.match_tokens),
        tuple(o.pk for o in seeker.desired_occupations.all()),
        tuple(r.pk for r in seeker.desired_regions.all()),
        person.residence_region_id,
        rules.age_on(person.birth_date, today) if person.birth_date else None,
        person.education.rank if person.education_id else None,
        seeker.hours,
        seeker.salary_expected,
    )


# --- the query a seeker makes -------------------------------------------------------------------


@dataclass
class Query:
    """A seeker's words with their weights (field weight × idf), the reference for saturation."""

    weights: dict[str, float]  # token → seeker weight × idf
    source: dict[str, str]  # token → seeker field it came from ("synonym" for an added synonym)
    text_ref: float


def build_query(profile: SeekerProfile, df, n: int) -> Query:
    """``df(token)`` is the number of open jobs with the token; ``n`` the number of open jobs."""
    best: dict[str, tuple[float, str]] = {}
    for fname in SEEKER_FIELDS:
        weight = rules.SEEKER_FIELD_WEIGHTS[fname]
        for token in profile.tokens.get(fname, ()):
            if token not in best or best[token][0] < weight:
                best[token] = (weight, fname)
    own = dict(best)
    for token, factor in rules.synonym_expansion(own).items():
        source_weight = max((w for t, (w, _f) in own.items() if token in _synonyms_of(t)), default=1.0)
        best[token] = (factor * source_weight, "synonym")
    scored = []
    for token, (weight, fname) in best.items():
        d = df(token)
        if d <= 0:
            continue  # a word no open job has cannot match and must not dilute the reference
        scored.append((weight * rules.idf(d, n), token, fname))
    scored.sort(reverse=True)
    scored = scored[:QUERY_TOKENS]
    top = [w * rules.JOB_FIELD_WEIGHTS["title"] for w, _t, _f in scored[:3]]
    return Query(
        weights={t: w for w, t, _f in scored},
        source={t: f for _w, t, f in scored},
        text_ref=sum(top) / len(top) if top else 0.0,
    )


@lru_cache(maxsize=256)
def _synonyms_of(token: str) -> frozenset[str]:
    return frozenset(rules.synonym_expansion([token]))


# --- exact score and explanation -----------------------------------------------------------------


@dataclass
class Match:
    job_id: int
    seeker_id: int | None
    score: float
    job: Job | None = None
    seeker: JobSeeker | None = None
    parts: dict = field(default_factory=dict)
    _reasons: list[str] | None = field(default=None, repr=False)

    @property
    def reasons(self) -> list[str]:
        if self._reasons is None:
            self._reasons = explain(self.parts) if self.parts else []
        return self._reasons

    @property
    def percent(self) -> int:
        return round(self.score * 100)


def hard_constraints_ok(seeker: SeekerProfile, job: JobProfile, today: date) -> bool:
    """Every hard constraint of matching; both directions and the final re-check use it."""
    return (
        job.status == JobStatus.PUBLISHED
        and (job.expires_on is None or job.expires_on >= today)
        and rules.region_reachable(job.region, seeker.regions)
        and rules.education_meets(seeker.education_rank, job.education_rank)
        and seeker.age is not None
        and rules.age_allowed(seeker.age, job.age_min, job.age_max)
        and rules.hours_compatible(seeker.hours, job.hours)
    )


_FIELD_REASON = {
    "desired": "意向岗位匹配：%(words)s",
    "skills": "技能匹配：%(words)s",
    "certificates": "证书匹配：%(words)s",
    "summary": "工作经历相关：%(words)s",
    "synonym": "相近技能：%(words)s",
}


def score_pair(seeker: SeekerProfile, job: JobProfile, query: Query, today: date) -> Match | None:
    """The score and reasons of one pair, or ``None`` when a hard constraint fails or nothing relates them."""
    if not hard_constraints_ok(seeker, job, today):
        return None
    text = 0.0
    hits: dict[str, list[str]] = {}
    title, occ_words, description = job.tokens["title"], job.tokens["occupation"], job.tokens["description"]
    for token, weight in query.weights.items():
        jw = (
            rules.JOB_FIELD_WEIGHTS["title"] * (token in title)
            + rules.JOB_FIELD_WEIGHTS["occupation"] * (token in occ_words)
            + rules.JOB_FIELD_WEIGHTS["description"] * (token in description)
        )
        if jw:
            text += weight * jw
            hits.setdefault(query.source[token], []).append(token)
    occupation = occupations_related(seeker.occupations, job.occupation)
    if text <= 0 and occupation is None and (query.weights or seeker.occupations):
        return None  # no word and no occupation in common: not a match, however close or well paid
    pay, pay_kind = rules.pay_fit(job.salary_min, job.salary_max, seeker.salary_expected)
    place, place_kind = rules.place_fit(job.region, seeker.regions, seeker.residence)
    score = rules.match_score(
        text=text, text_ref=query.text_ref, occupation=occupation is not None, pay=pay, place=place
    )
    return Match(
        job.job_id,
        seeker.seeker_id,
        score,
        parts={
            "text": text,
            "hits": hits,
            "occupation": occupation,
            "pay": pay_kind,
            "place": place_kind,
            "seeker": seeker,
            "job": job,
        },
    )


def explain(parts: dict) -> list[str]:
    """The reasons of a match, in the order a person reads them: occupation, words, place, pay.

    Built only for the matches shown (translating strings for every candidate would cost more than
    scoring them)."""
    seeker, job = parts["seeker"], parts["job"]
    reasons: list[str] = []
    if parts["occupation"] is not None:
        reasons.append(_("意向职业一致：%(name)s") % {"name": occupation_name(job.occupation)})
    for fname in ("desired", "skills", "certificates", "summary", "synonym"):
        words = _shown_words(parts["hits"].get(fname, []))
        if words:
            reasons.append(_(_FIELD_REASON[fname]) % {"words": "、".join(words[:4])})
    reasons += _place_reason(job.region, seeker, parts["place"])
    reasons += _pay_reason(job, seeker.salary_expected, parts["pay"])
    return reasons


def _place_reason(job_region: str, seeker: SeekerProfile, kind: str) -> list[str]:
    if kind == "exact":
        wanted = next(
            (c for c in seeker.regions if job_region == c or (len(c) == 6 and job_region.startswith(c))), job_region
        )
        return [_("工作地在意向区域：%(name)s") % {"name": region_name(wanted)}]
    if kind == "county":
        return [_("工作地与意向镇街同在%(name)s") % {"name": region_name(job_region[:6])}]
    if kind == "home_town":
        return [_("工作地在居住镇街：%(name)s") % {"name": region_name(job_region)}]
    if kind == "home_county":
        return [_("工作地在居住区县：%(name)s") % {"name": region_name(job_region[:6])}]
    return []


def _shown_words(words: list[str]) -> list[str]:
    """The matched words worth showing: a word inside a longer matched word (烹调 in 中式烹调师) is left out."""
    return [w for w in words if not any(w != other and w in other for other in words)]


def _pay_reason(job: JobProfile, expected: int | None, kind: str) -> list[str]:
    if kind == "met":
        return [_("薪酬满足期望（%(min)s–%(max)s元/月）") % {"min": job.salary_min, "max": job.salary_max}]
    if kind == "range":
        return [_("薪酬区间覆盖期望（期望%(e)s元/月）") % {"e": expected}]
    if kind == "near":
        return [_("薪酬略低于期望（期望%(e)s元/月）") % {"e": expected}]
    return []


# --- jobs for a seeker ------------------------------------------------------------------------


def jobs_for_profile(profile: SeekerProfile, *, limit: int = 20, today: date | None = None) -> list[Match]:
    """The ``limit`` best open jobs for a seeker, best first, each with its reasons (jobs loaded)."""
    today = today or timezone.localdate()
    k = max(RERANK_CANDIDATES, 5 * limit)
    ids, query, _n = job_index().query(profile, k, lambda df, n: build_query(profile, df, n), today)
    if not ids:
        return []
    rows = Job.objects.filter(pk__in=ids, status=JobStatus.PUBLISHED).values_list(*JOB_COLUMNS)
    matches = [m for m in (score_pair(profile, _job_profile(r), query, today) for r in rows) if m is not None]
    matches.sort(key=lambda m: (-m.score, -m.job_id))
    matches = matches[:limit]
    jobs = Job.objects.select_related("employer", "region", "region__parent", "occupation", "education").in_bulk(
        [m.job_id for m in matches]
    )
    for m in matches:
        m.job = jobs.get(m.job_id)
    return [m for m in matches if m.job is not None]


def jobs_for_seeker(seeker: JobSeeker, *, limit: int = 20, today: date | None = None) -> list[Match]:
    return jobs_for_profile(seeker_profile(seeker, today=today), limit=limit, today=today)


# --- seekers for a job ------------------------------------------------------------------------


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _token_match_q(tokens: list[str]) -> Q:
    if not tokens:
        return Q(pk__in=[])
    if connection.vendor == "postgresql":
        return Q(
            RawSQL(
                "to_tsvector('simple'::regconfig, employment_jobseeker.match_tokens) @@ to_tsquery('simple', %s)",
                [" | ".join(tokens)],
                output_field=BooleanField(),
            )
        )
    q = Q()
    for token in tokens:
        q |= Q(match_tokens__contains=f" {token} ")
    return q


def seeker_candidates(job: Job, *, today: date, limit: int = SEEKER_CANDIDATES):
    """Seekers who consented, meet the job's hard constraints and share an occupation or a word with it."""
    county = job.region_id[:6]
    qs = JobSeeker.objects.filter(status=JobSeeker.Status.SEEKING, visible_to_employers=True)
    wants_elsewhere = Exists(JobSeeker.desired_regions.through.objects.filter(jobseeker_id=OuterRef("pk"))) & ~Exists(
        JobSeeker.desired_regions.through.objects.filter(jobseeker_id=OuterRef("pk"), region__code__startswith=county)
    )
    qs = qs.exclude(wants_elsewhere)
    if job.education_id:
        qs = qs.filter(person__education__rank__gte=job.education.rank)
    adult_from = _years_before(today, job.age_min or rules.LEGAL_MIN_WORKING_AGE)
    qs = qs.filter(person__birth_date__lte=adult_from)
    if job.age_max is not None:
        qs = qs.filter(person__birth_date__gt=_years_before(today, job.age_max + 1))
    if job.hours != "any":
        qs = qs.filter(hours__in=[job.hours, "any"])
    fields = job_token_fields(job.match_tokens)
    df, _n = job_index().df_lookup(today)
    rarest_first = lambda t: (df(t), t)  # noqa: E731 — ties by the word itself: no dependence on hash order
    words = sorted(fields["title"] | fields["occupation"], key=rarest_first)
    words += sorted(fields["description"] - set(words), key=rarest_first)
    relevance = _token_match_q(words[:SEEKER_QUERY_TOKENS])
    if job.occupation_id:
        table = occupation_table()
        related = {job.occupation_id, table.get(job.occupation_id, ("", None))[1]} - {None}
        relevance |= Q(
            Exists(
                JobSeeker.desired_occupations.through.objects.filter(
                    jobseeker_id=OuterRef("pk"), occupation_id__in=related
                )
            )
        )
    return (
        qs.filter(relevance)
        .select_related("person", "person__education")
        .prefetch_related("desired_occupations", "desired_regions")
        .order_by("-updated_at")[:limit]
    )


def seekers_for_job(job: Job, *, limit: int = 20, today: date | None = None) -> list[Match]:
    """The ``limit`` best opted-in seekers for a job (the employer's view: mask them when shown)."""
    today = today or timezone.localdate()
    df, n = job_index().df_lookup(today)
    profile = job_profile(job)
    profile.status = JobStatus.PUBLISHED  # an employer may look for candidates before approval
    if profile.expires_on is not None and profile.expires_on < today:
        profile.expires_on = None
    matches = []
    for seeker in seeker_candidates(job, today=today):
        sp = seeker_profile(seeker, today=today)
        m = score_pair(sp, profile, build_query(sp, df, n), today)
        if m is not None:
            m.seeker = seeker
            matches.append(m)
    matches.sort(key=lambda m: (-m.score, -(m.seeker_id or 0)))
    return matches[:limit]
