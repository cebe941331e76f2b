"""The in-process index of open jobs behind jobs-for-a-seeker (``renshe.employment.matching``).

DESIGN.md target: the top 20 postings for one seeker among 200 000 open jobs under 50 ms p95. Every
filter and every posting list is a bitset (a Python ``int``, one bit per job), so a query is a few
hundred big-integer AND/OR/XOR operations that run in C: the hard constraints are ANDs of bitsets
per county, education level, age bound, hours and expiry day; the score (the linear part of
``rules.match_score``) is summed *bit-sliced* — one bitset per bit of the integer score, added with
carries — and the top candidates are read from the slices from the most significant bit down
(O'Neil & Quass, “Improved query performance with variant indexes”, SIGMOD 1997). Words in fewer
than about N/100 jobs stay as slot lists (cheaper than a bitset) and become bitsets for the query.

The index lives in each worker process. It is refreshed incrementally from ``Job.updated_at``
(indexed) at most every ``MATCH_INDEX_REFRESH_SECONDS`` and rebuilt from scratch every
``MATCH_INDEX_REBUILD_SECONDS`` or when a quarter of its slots are dead; a rebuild is made beside
the live index and swapped in, so queries keep running. Under test settings it is rebuilt on every
query (test transactions roll back, and ids are reused). Measured by ``bench/matching.py``.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections import OrderedDict
from collections.abc import Iterable
from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from renshe.employment import rules
from renshe.employment.matching_text import job_token_fields, occupation_table, occupation_words
from renshe.employment.models import Job
from renshe.employment.models.jobs import JobStatus

if TYPE_CHECKING:  # the profile and query are built by renshe.employment.matching, which imports this module
    from renshe.employment.matching import Query, SeekerProfile

log = logging.getLogger("renshe.matching")

TEXT_QUANTUM = 8  # integer resolution of the bitset stage's text score
REFRESH_OVERLAP = timedelta(minutes=2)  # re-read rows that committed late with an earlier updated_at
# The columns a job is indexed and re-scored from (one row per job, no join but the education rank).
JOB_COLUMNS = (
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
        occ_words = occupation_words()
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
    def _related_occupations(desired: Iterable[str]) -> set[str]:
        table = occupation_table()
        related = set()
        for code in desired:
            related.add(code)
            related.update(c for c, (_n, parent) in table.items() if parent == code)
            parent = table.get(code, ("", None))[1]
            if parent:
                related.add(parent)
        return related


def _open_jobs_rows(today: date, since=None):
    qs = Job.objects.all()
    if since is None:
        qs = qs.filter(status=JobStatus.PUBLISHED).filter(Q(expires_on__isnull=True) | Q(expires_on__gte=today))
    else:
        qs = qs.filter(updated_at__gte=since)
    return qs.order_by().values_list("id", "updated_at", *JOB_COLUMNS[1:]).iterator(chunk_size=5000)


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

    def query(self, profile, k: int, make_query, today: date | None = None) -> tuple[list[int], object, int]:
        """The ``k`` best candidates for ``profile``; ``make_query(df, n)`` turns the index's document
        frequencies into the seeker's query (``matching.build_query``)."""
        data = self.ensure_fresh(today)
        with self._lock:
            query = make_query(lambda t: data.df.get(t, 0), max(data.live, 1))
            return data.candidates(profile, query, k), query, data.live

    def df_lookup(self, today: date | None = None):
        data = self.ensure_fresh(today)
        return (lambda t: data.df.get(t, 0)), max(data.live, 1)


_index = JobIndex()


def job_index() -> JobIndex:
    return _index
