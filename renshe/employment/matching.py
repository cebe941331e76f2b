"""人岗匹配: jobs for a seeker and seekers for a job, each match with its reasons.

Both directions score a seeker–job pair with the same function (``score_pair``): hard constraints
first (``rules.region_reachable``, ``education_meets``, ``age_allowed``, ``hours_compatible``; the
job published and not expired), then a relevance score over jieba tokens with weighted fields and
IDF from the open jobs, plus pay fit, place fit and the occupation (``rules.match_score``).

**Jobs for a seeker** (DESIGN.md target: top 20 among 200 000 open jobs under 50 ms p95) use an
in-process index of the published jobs (``JobIndex``) built from the tokens the services store on
every save (``Job.match_tokens``). Every filter and every posting list is a bitset (a Python
``int``, one bit per job), so a query is a few hundred big-integer AND/OR/XOR operations that run
in C: the hard constraints are ANDs of bitsets per county, education level, age bound, hours and
expiry day; the score is summed *bit-sliced* (one bitset per bit of the integer score, added with
carries) and the top candidates are read from the slices from the most significant bit down
(O'Neil & Quass, “Improved query performance with variant indexes”, 1997). The best
``RERANK_CANDIDATES`` are then scored exactly from their stored tokens, re-checked against the
hard constraints in the database (a stale index can only lose a candidate, never break a
constraint), and explained.

The index lives in each worker process. It is refreshed incrementally from ``Job.updated_at``
(indexed) at most every ``MATCH_INDEX_REFRESH_SECONDS`` and rebuilt from scratch every
``MATCH_INDEX_REBUILD_SECONDS`` or when a quarter of its slots are dead; a rebuild is made beside
the live index and swapped in, so queries keep running. Under test settings it is rebuilt on every
query (test transactions roll back, and ids are reused).

**Seekers for a job** (a million seekers, only those who consented): candidates come from the
database — hard constraints as SQL on indexed columns, relevance as a full-text match of the job's
words on ``JobSeeker.match_tokens`` (PostgreSQL: GIN on ``to_tsvector('simple', match_tokens)``;
SQLite: ``LIKE`` on the space-delimited tokens) — and at most ``SEEKER_CANDIDATES`` of them are
scored exactly.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

from django.conf import settings
from django.db import connection
from django.db.models import BooleanField, Exists, OuterRef, Q
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.translation import gettext as _

from renshe.employment import rules
from renshe.employment.models import Job, JobSeeker
from renshe.employment.models.jobs import JobStatus

log = logging.getLogger("renshe.matching")

RERANK_CANDIDATES = 100  # scored exactly after the bitset stage (at least 5 × the number asked for)
QUERY_TOKENS = 24  # a seeker's most telling words (weight × idf) make the query
TEXT_QUANTUM = 8  # integer resolution of the bitset stage's text score
SEEKER_CANDIDATES = 1000
SEEKER_QUERY_TOKENS = 12
REFRESH_OVERLAP = timedelta(minutes=2)  # re-read rows that committed late with an earlier updated_at

# --- tokens -----------------------------------------------------------------------------------

STOPWORDS = frozenset(
    """负责 工作 相关 以上 以下 优先 熟悉 能够 具有 具备 要求 我们 公司 岗位 人员 服务 有关 其他 以及 进行
    完成 良好 一定 经验 能力 协助 日常 提供 需要 可以 工作经验 本人 自己 一名 若干 职位 招聘 或者 以及 及其
    主要 根据 按照 各类 各种 相应 有限 有限公司 责任 居民 社会 生活 辅助 不便 分类 从业 证书 作业 初级 中级
    高级 专业 以内 左右 工资 待遇 薪资 面议""".split()
)
# Words jieba should keep whole (it still offers their parts in search mode).
_DOMAIN_WORDS = ("南粤家政", "粤菜师傅", "养老护理员", "育婴员", "中式烹调师", "低压电工", "家政服务员", "保洁员")
_TOKEN_RE = re.compile(r"^[0-9a-z\u4e00-\u9fff][0-9a-z+#.\u4e00-\u9fff]*$")
_jieba_lock = threading.Lock()
_jieba = None


def _segmenter():
    global _jieba
    if _jieba is None:
        with _jieba_lock:
            if _jieba is None:
                import jieba

                jieba.setLogLevel(logging.WARNING)
                for word in _DOMAIN_WORDS:
                    jieba.add_word(word)
                _jieba = jieba
    return _jieba


@lru_cache(maxsize=8192)
def text_tokens(text: str) -> tuple[str, ...]:
    """The words of ``text`` for matching: jieba search mode (``保洁员`` → 保洁, 保洁员), lower case,
    without punctuation, single characters, numbers or stop words; each word once, in order."""
    seen: dict[str, None] = {}
    for raw in _segmenter().cut_for_search(text or ""):
        token = raw.strip().lower()
        if len(token) < 2 or token in STOPWORDS or token.isdigit() or not _TOKEN_RE.match(token):
            continue
        seen.setdefault(token, None)
    return tuple(seen)


def _pack(segments: Iterable[Iterable[str]]) -> str:
    """`` a b | c | d e `` — spaces around every token so ``LIKE '% a %'`` finds whole words."""
    return " " + " | ".join(" ".join(segment) for segment in segments) + " "


def _unpack(text: str, count: int) -> list[frozenset[str]]:
    parts = (text or "").split("|")
    parts += [""] * (count - len(parts))
    return [frozenset(part.split()) for part in parts[:count]]


JOB_FIELDS = ("title", "occupation", "description")
SEEKER_FIELDS = ("desired", "skills", "certificates", "summary")


def job_match_tokens(*, title: str, description: str, occupation_name: str = "") -> str:
    return _pack([text_tokens(title), text_tokens(occupation_name), text_tokens(description)])


def seeker_match_tokens(
    *, desired_titles: str, occupation_names: Iterable[str], skills: str, certificates: str, summary: str
) -> str:
    desired = list(text_tokens(desired_titles))
    for name in occupation_names:
        desired += [t for t in text_tokens(name) if t not in desired]
    return _pack([desired, text_tokens(skills), text_tokens(certificates), text_tokens(summary)])


def job_token_fields(match_tokens: str) -> dict[str, frozenset[str]]:
    return dict(zip(JOB_FIELDS, _unpack(match_tokens, len(JOB_FIELDS)), strict=True))


def seeker_token_fields(match_tokens: str) -> dict[str, frozenset[str]]:
    return dict(zip(SEEKER_FIELDS, _unpack(match_tokens, len(SEEKER_FIELDS)), strict=True))


# --- reference data (small, read once per process) ---------------------------------------------


@lru_cache(maxsize=1)
def _occupation_table() -> dict[str, tuple[str, str | None]]:
    from renshe.core.models import Occupation

    return {code: (name, parent) for code, name, parent in Occupation.objects.values_list("code", "name", "parent_id")}


@lru_cache(maxsize=1)
def _region_names() -> dict[str, str]:
    from renshe.core.models import Region

    return dict(Region.objects.values_list("code", "name"))


def occupation_name(code: str | None) -> str:
    return _occupation_table().get(code or "", ("", None))[0]


def occupations_related(desired: Iterable[str], job_occupation: str | None) -> str | None:
    """The desired occupation the job's occupation falls under (the same, or parent and child)."""
    if not job_occupation:
        return None
    table = _occupation_table()
    job_parent = table.get(job_occupation, ("", None))[1]
    for code in desired:
        if code in (job_occupation, job_parent) or table.get(code, ("", None))[1] == job_occupation:
            return code
    return None


def region_name(code: str) -> str:
    return _region_names().get(code, code)


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


_JOB_COLUMNS = (
    "id",
    "match_tokens",
    "occupation_id",
    "region_id",
    "salary_min",
    "salary_max",
    "education__rank",
    "age_min",
    "age_max",
    "hours",
    "expires_on",
    "status",
)


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


# --- bitsets ----------------------------------------------------------------------------------

_NONZERO = re.compile(rb"[^\x00]")


def _bits_from_slots(slots: Iterable[int], nbits: int) -> int:
    buffer = bytearray((nbits >> 3) + 1)
    for s in slots:
        buffer[s >> 3] |= 1 << (s & 7)
    return int.from_bytes(buffer, "little")


def _positions(bits: int) -> list[int]:
    """The set bits of ``bits``, lowest first (byte scan in C, then the few bits of each byte)."""
    if not bits:
        return []
    raw = bits.to_bytes((bits.bit_length() + 7) >> 3, "little")
    out: list[int] = []
    for m in _NONZERO.finditer(raw):
        i = m.start()
        v = raw[i]
        base = i << 3
        while v:
            low = v & -v
            out.append(base + low.bit_length() - 1)
            v ^= low
    return out


def _add_bits(slices: list[int], bits: int, shift: int) -> None:
    """Add the 0/1 vector ``bits`` × 2**shift to the bit-sliced integers ``slices`` (ripple carry)."""
    carry, i = bits, shift
    while carry:
        while i >= len(slices):
            slices.append(0)
        s = slices[i]
        slices[i] = s ^ carry
        carry = s & carry
        i += 1


def _add_weighted(slices: list[int], bits: int, weight: int) -> None:
    if not bits or weight <= 0:
        return
    k = 0
    while weight:
        if weight & 1:
            _add_bits(slices, bits, k)
        weight >>= 1
        k += 1


def _top_k(slices: list[int], candidates: int, k: int) -> int:
    """The ``k`` candidates with the highest bit-sliced score (ties: the most recently indexed)."""
    if candidates.bit_count() <= k:
        return candidates
    chosen, tied = 0, candidates
    for s in reversed(slices):
        x = chosen | (tied & s)
        n = x.bit_count()
        if n > k:
            tied &= s
        elif n < k:
            chosen = x
            tied &= ~s
        else:
            return x
    need = k - chosen.bit_count()
    if need > 0 and tied:
        for pos in _positions(tied)[-need:]:
            chosen |= 1 << pos
    return chosen


class _Postings:
    """Slots per key: a list while sparse, a bitset once dense (a bitset costs N/8 bytes, a list 8 per
    slot). ``always_dense`` postings (the filters: a few hundred keys at most) are bitsets from the
    start, so a query never converts them. Sparse lists converted for a query are kept in a small LRU,
    keyed by their length (lists only grow, so the length is their version)."""

    __slots__ = ("always_dense", "cache", "data")
    CACHE_SIZE = 256

    def __init__(self, *, always_dense: bool = False):
        self.data: dict[object, list[int] | int] = {}
        self.always_dense = always_dense
        self.cache: OrderedDict[object, tuple[int, int]] = OrderedDict()

    def add(self, key, slot: int, dense_at: int) -> None:
        value = self.data.get(key)
        if value is None:
            self.data[key] = (1 << slot) if self.always_dense and dense_at < _BULK else [slot]
        elif isinstance(value, int):
            self.data[key] = value | (1 << slot)
        else:
            value.append(slot)
            if len(value) >= dense_at:
                self.data[key] = _bits_from_slots(value, slot + 1)
                self.cache.pop(key, None)

    def freeze(self, nbits: int, dense_at: int) -> None:
        for key, value in self.data.items():
            if isinstance(value, list) and (self.always_dense or len(value) >= dense_at):
                self.data[key] = _bits_from_slots(value, nbits)
        self.cache.clear()

    def bits(self, key, nbits: int) -> int:
        value = self.data.get(key)
        if value is None:
            return 0
        if isinstance(value, int):
            return value
        cached = self.cache.get(key)
        if cached is not None and cached[0] == len(value):
            self.cache.move_to_end(key)
            return cached[1]
        bits = _bits_from_slots(value, nbits)
        if len(value) >= 32:
            self.cache[key] = (len(value), bits)
            if len(self.cache) > self.CACHE_SIZE:
                self.cache.popitem(last=False)
        return bits

    def count(self, key) -> int:
        value = self.data.get(key)
        if value is None:
            return 0
        return value.bit_count() if isinstance(value, int) else len(value)

    def union(self, keys: Iterable, nbits: int) -> int:
        result = 0
        for key in keys:
            result |= self.bits(key, nbits)
        return result


_BULK = 1 << 62  # "dense at" during a bulk build: everything stays a list until freeze()
_SALARY_STEP = 500  # 元: resolution of the pay buckets of the bitset stage (the exact stage is exact)


class _IndexData:
    """The bitsets of one generation of the index. Slots are never reused: a changed job gets a new one."""

    def __init__(self, dense_at: int = 256):
        self.dense_at = dense_at
        self.slot_job: list[int] = []
        self.job_slot: dict[int, int] = {}
        self.job_stamp: dict[int, object] = {}
        self.alive = 0
        self.dead = 0
        self.title = _Postings()
        self.description = _Postings()
        self.df: dict[str, int] = {}
        self.county = _Postings(always_dense=True)
        self.region = _Postings(always_dense=True)
        self.occupation = _Postings(always_dense=True)
        self.hours = _Postings(always_dense=True)
        self.education = _Postings(always_dense=True)  # key: required rank, 0 = none
        self.age_min = _Postings(always_dense=True)  # key: age_min, 0 = none
        self.age_max = _Postings(always_dense=True)  # key: age_max, 999 = none
        self.pay_min = _Postings(always_dense=True)  # key: salary_min // step
        self.pay_max = _Postings(always_dense=True)
        self.expires = _Postings(always_dense=True)  # key: date ordinal of expires_on
        self.min_expiry = None
        self.high_water = None

    @property
    def size(self) -> int:
        return len(self.slot_job)

    @property
    def live(self) -> int:
        return self.size - self.dead

    def add(self, row: tuple, *, bulk: bool = False) -> None:
        pk, stamp, tokens, occupation, region, smin, smax, edu, amin, amax, hours, expires, _status = row
        slot = len(self.slot_job)
        self.slot_job.append(pk)
        self.job_slot[pk] = slot
        self.job_stamp[pk] = stamp
        dense_at = _BULK if bulk else self.dense_at  # a bulk build converts once, at the end
        fields = job_token_fields(tokens)
        for token in fields["title"]:
            self.title.add(token, slot, dense_at)
        for token in fields["description"]:
            self.description.add(token, slot, dense_at)
        for token in fields["title"] | fields["occupation"] | fields["description"]:
            self.df[token] = self.df.get(token, 0) + 1
        self.county.add(region[:6], slot, dense_at)
        self.region.add(region, slot, dense_at)
        if occupation:
            self.occupation.add(occupation, slot, dense_at)
        self.hours.add(hours, slot, dense_at)
        self.education.add(edu or 0, slot, dense_at)
        self.age_min.add(amin or 0, slot, dense_at)
        self.age_max.add(amax if amax is not None else 999, slot, dense_at)
        self.pay_min.add(smin // _SALARY_STEP, slot, dense_at)
        self.pay_max.add(smax // _SALARY_STEP, slot, dense_at)
        if expires is not None:
            self.expires.add(expires.toordinal(), slot, dense_at)
        if not bulk:
            self.alive |= 1 << slot

    def freeze(self) -> None:
        n = self.size
        # Break-even of memory is N/64 slots; a little above it keeps the rarer words as lists.
        self.dense_at = max(256, n // 100)
        for postings in (
            self.title,
            self.description,
            self.county,
            self.region,
            self.occupation,
            self.hours,
            self.education,
            self.age_min,
            self.age_max,
            self.pay_min,
            self.pay_max,
            self.expires,
        ):
            postings.freeze(n, self.dense_at)
        self.alive = (1 << n) - 1

    def kill(self, pk: int) -> None:
        slot = self.job_slot.pop(pk, None)
        self.job_stamp.pop(pk, None)
        if slot is not None and self.alive >> slot & 1:
            self.alive &= ~(1 << slot)
            self.dead += 1

    def apply(self, row: tuple, today: date) -> None:
        """One job as it is now in the database: (re)indexed when open, dropped otherwise."""
        pk, stamp = row[0], row[1]
        if self.job_stamp.get(pk) == stamp:
            return
        self.kill(pk)
        status, expires = row[-1], row[-2]
        if status == JobStatus.PUBLISHED and (expires is None or expires >= today):
            self.add(row)
        if self.high_water is None or stamp > self.high_water:
            self.high_water = stamp

    def prune_expired(self, today: date) -> None:
        """Jobs past their last day leave the index (slots die), once a day."""
        ordinal = today.toordinal()
        for key in [k for k in self.expires.data if k < ordinal]:
            bits = self.expires.bits(key, self.size)
            gone = bits & self.alive
            if gone:
                self.dead += gone.bit_count()
                self.alive &= ~gone
                for pos in _positions(gone):
                    pk = self.slot_job[pos]
                    if self.job_slot.get(pk) == pos:
                        del self.job_slot[pk]
                        self.job_stamp.pop(pk, None)
            del self.expires.data[key]
        self.min_expiry = today

    # --- a query ------------------------------------------------------------------------------

    def candidates(self, profile: SeekerProfile, query: Query, k: int) -> list[int]:
        """Job ids of the ``k`` best candidates by the linear score of ``rules.match_score``."""
        n = self.size
        if not n or profile.age is None or profile.age < rules.LEGAL_MIN_WORKING_AGE:
            return []
        mask = self.alive
        if profile.regions:
            mask &= self.county.union({code[:6] for code in profile.regions}, n)
        if profile.hours != "any":
            mask &= self.hours.union((profile.hours, "any"), n)
        rank = profile.education_rank or 0
        mask &= self.education.union((r for r in self.education.data if r <= rank), n)
        mask &= self.age_min.union((a for a in self.age_min.data if a <= profile.age), n)
        mask &= self.age_max.union((a for a in self.age_max.data if a >= profile.age), n)
        if not mask:
            return []

        slices: list[int] = []
        # One unit of the final score in the integer units of the text part (a seeker without words
        # is ranked by occupation, pay and place alone, on an arbitrary scale).
        unit = TEXT_QUANTUM * rules.TEXT_SATURATION * query.text_ref / rules.SCORE_WEIGHTS["text"] or 1000.0
        relevant = 0
        occ_words = self._occupation_words()
        for token, weight in query.weights.items():
            q = max(1, round(TEXT_QUANTUM * weight))
            title = self.title.bits(token, n)
            description = self.description.bits(token, n)
            occupation = self.occupation.union(occ_words.get(token, ()), n)
            _add_weighted(slices, title, q * rules.JOB_FIELD_WEIGHTS["title"])
            _add_weighted(slices, occupation, q * rules.JOB_FIELD_WEIGHTS["occupation"])
            _add_weighted(slices, description, q * rules.JOB_FIELD_WEIGHTS["description"])
            relevant |= title | description | occupation
        if profile.occupations:
            related = self.occupation.union(self._related_occupations(profile.occupations), n)
            relevant |= related
            _add_weighted(slices, related, round(unit * rules.SCORE_WEIGHTS["occupation"]))
        if query.weights or profile.occupations:
            mask &= relevant
        if not mask:
            return []
        self._add_pay_and_place(slices, profile, unit, n)
        return [self.slot_job[pos] for pos in _positions(_top_k(slices, mask, k))]

    def _add_pay_and_place(self, slices: list[int], profile: SeekerProfile, unit: float, n: int) -> None:
        pay_weight = unit * rules.SCORE_WEIGHTS["pay"]
        expected = profile.salary_expected
        if expected:
            # pay_fit tiers (0.3 near, 0.8 range, 1.0 met) as cumulative steps of 0.3, 0.5 and 0.2.
            near = int(expected * 0.85) // _SALARY_STEP
            step = expected // _SALARY_STEP
            _add_weighted(
                slices, self.pay_max.union((b for b in self.pay_max.data if b >= near), n), round(0.3 * pay_weight)
            )
            _add_weighted(
                slices, self.pay_max.union((b for b in self.pay_max.data if b >= step), n), round(0.5 * pay_weight)
            )
            _add_weighted(
                slices, self.pay_min.union((b for b in self.pay_min.data if b >= step), n), round(0.2 * pay_weight)
            )
        place_weight = unit * rules.SCORE_WEIGHTS["place"]
        if profile.regions:
            exact = 0
            for code in profile.regions:
                exact |= self.county.bits(code, n) if len(code) == 6 else self.region.bits(code, n)
            _add_weighted(slices, exact, round(0.5 * place_weight))
        elif profile.residence:
            _add_weighted(slices, self.county.bits(profile.residence[:6], n), round(0.4 * place_weight))
            _add_weighted(slices, self.region.bits(profile.residence, n), round(0.4 * place_weight))

    @staticmethod
    def _occupation_words() -> dict[str, tuple[str, ...]]:
        return _occupation_words()

    @staticmethod
    def _related_occupations(desired: Iterable[str]) -> set[str]:
        table = _occupation_table()
        related = set()
        for code in desired:
            related.add(code)
            related.update(c for c, (_n, parent) in table.items() if parent == code)
            parent = table.get(code, ("", None))[1]
            if parent:
                related.add(parent)
        return related


@lru_cache(maxsize=1)
def _occupation_words() -> dict[str, tuple[str, ...]]:
    """token → occupation codes whose name has it (the job's occupation field, title > occupation > description)."""
    words: dict[str, list[str]] = {}
    for code, (name, _parent) in _occupation_table().items():
        for token in text_tokens(name):
            words.setdefault(token, []).append(code)
    return {t: tuple(c) for t, c in words.items()}


def _open_jobs_rows(today: date, since=None):
    qs = Job.objects.all()
    if since is None:
        qs = qs.filter(status=JobStatus.PUBLISHED).filter(Q(expires_on__isnull=True) | Q(expires_on__gte=today))
    else:
        qs = qs.filter(updated_at__gte=since)
    return qs.order_by().values_list("id", "updated_at", *_JOB_COLUMNS[1:]).iterator(chunk_size=5000)


class JobIndex:
    """The process's index of open jobs, refreshed incrementally and rebuilt beside itself."""

    def __init__(self, *, always_rebuild: bool | None = None):
        self._lock = threading.RLock()
        self._data: _IndexData | None = None
        self._checked = 0.0
        self._built_at = 0.0
        self._always_rebuild = always_rebuild

    @property
    def always_rebuild(self) -> bool:
        if self._always_rebuild is not None:
            return self._always_rebuild
        return bool(getattr(settings, "TESTING", False))

    def build(self, today: date | None = None) -> _IndexData:
        today = today or timezone.localdate()
        started = time.perf_counter()
        data = _IndexData()
        high = None
        for row in _open_jobs_rows(today):
            data.add(row, bulk=True)
            if high is None or row[1] > high:
                high = row[1]
        data.freeze()
        data.high_water = high
        data.min_expiry = today
        log.info("match index built: %d jobs in %.2f s", data.size, time.perf_counter() - started)
        return data

    def _refresh(self, data: _IndexData, today: date) -> None:
        if data.min_expiry != today:
            data.prune_expired(today)
        since = timezone.now() - timedelta(days=3650) if data.high_water is None else data.high_water - REFRESH_OVERLAP
        for row in _open_jobs_rows(today, since=since):
            data.apply(row, today)

    def ensure_fresh(self, today: date | None = None) -> _IndexData:
        today = today or timezone.localdate()
        now = time.monotonic()
        refresh_every = float(getattr(settings, "MATCH_INDEX_REFRESH_SECONDS", 2.0))
        rebuild_every = float(getattr(settings, "MATCH_INDEX_REBUILD_SECONDS", 3600.0))
        data = self._data
        if self.always_rebuild or data is None:
            with self._lock:
                if self.always_rebuild or self._data is None:
                    self._data = self.build(today)
                    self._built_at = self._checked = now
                return self._data
        if now - self._checked < refresh_every:
            return data
        stale = now - self._built_at > rebuild_every or (data.size > 1000 and data.dead > data.size // 4)
        if stale:
            fresh = self.build(today)  # beside the live index: queries keep using the old one meanwhile
            with self._lock:
                self._refresh(fresh, today)
                self._data = fresh
                self._built_at = self._checked = time.monotonic()
                return fresh
        with self._lock:
            if time.monotonic() - self._checked >= refresh_every:
                self._refresh(data, today)
                self._checked = time.monotonic()
        return data

    def reset(self) -> None:
        with self._lock:
            self._data = None

    def query(self, profile: SeekerProfile, k: int, today: date | None = None) -> tuple[list[int], Query, int]:
        data = self.ensure_fresh(today)
        with self._lock:
            query = build_query(profile, lambda t: data.df.get(t, 0), max(data.live, 1))
            return data.candidates(profile, query, k), query, data.live

    def df_lookup(self, today: date | None = None):
        data = self.ensure_fresh(today)
        return (lambda t: data.df.get(t, 0)), max(data.live, 1)


_index = JobIndex()


def job_index() -> JobIndex:
    return _index


# --- jobs for a seeker ------------------------------------------------------------------------


def jobs_for_profile(profile: SeekerProfile, *, limit: int = 20, today: date | None = None) -> list[Match]:
    """The ``limit`` best open jobs for a seeker, best first, each with its reasons (jobs loaded)."""
    today = today or timezone.localdate()
    k = max(RERANK_CANDIDATES, 5 * limit)
    ids, query, _n = _index.query(profile, k, today)
    if not ids:
        return []
    rows = Job.objects.filter(pk__in=ids, status=JobStatus.PUBLISHED).values_list(*_JOB_COLUMNS)
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
    df, _n = _index.df_lookup(today)
    words = sorted(fields["title"] | fields["occupation"], key=lambda t: df(t))
    words += sorted(fields["description"] - set(words), key=lambda t: df(t))
    relevance = _token_match_q(words[:SEEKER_QUERY_TOKENS])
    if job.occupation_id:
        table = _occupation_table()
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
    df, n = _index.df_lookup(today)
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
