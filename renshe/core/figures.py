"""Figures: the numbers each module reports for the plan indicators and the big screen, rolled up.

A module declares a figure in its own ``figures.py`` with the ``@figure`` decorator::

    @figure("employment.new_urban_jobs", label=_("城镇新增就业"), unit="人", kind=FLOW)
    def new_urban_jobs(start: date, end: date) -> dict[str, Number]:
        ...  # {county code: value}, and the city ("440900") when it is not the counties' sum

The provider answers for a period ``start``–``end`` (both included); a ``STOCK`` figure (how many
exist) answers as of ``end`` and ignores ``start``; a ``RATE`` figure (a percentage) must give the
city's value itself, since rates do not add up. Region keys are the county-level codes of
``COUNTIES`` and ``CITY``; a county without data is simply absent (shown as "no data", never 0).

``figures_refresh`` runs every provider for the current year, each of its months and ``live`` (as of
today) and stores the results in ``FigureValue`` — one upsert per figure, safe to run twice — so that
the screen and the indicator register read a few indexed rows instead of scanning the city's tables.
``figure_bump`` adds to the stored live/period values as things happen (a check-in at a fair), so
counts move between two refreshes.

Modules never import the planning or screen apps: they only declare figures here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from importlib import import_module
from importlib.util import find_spec

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

CITY = "440900"
COUNTIES = ("440902", "440904", "440981", "440982", "440983")
LIVE = "live"

FLOW = "flow"  # how many happened in the period (new jobs, cases closed)
STOCK = "stock"  # how many exist at the end of the period (card holders, open warnings)
RATE = "rate"  # a percentage over the period (closure rate); the city value is given, not summed

Number = int | float | Decimal
Provider = Callable[[date, date], dict[str, Number]]


@dataclass(frozen=True)
class FigureSpec:
    key: str
    label: str
    unit: str
    kind: str
    provider: Provider
    module: str


_REGISTRY: dict[str, FigureSpec] = {}
_discovered = False


def figure(key: str, *, label, unit: str, kind: str = FLOW):
    """Declare ``key`` (``<app>.<name>``) as computed by the decorated provider."""
    if kind not in (FLOW, STOCK, RATE):
        raise ValueError(f"unknown figure kind {kind!r}")

    def register(provider: Provider) -> Provider:
        existing = _REGISTRY.get(key)
        if existing is not None and existing.provider.__qualname__ != provider.__qualname__:
            raise ValueError(f"figure {key!r} declared twice ({existing.module}, {provider.__module__})")
        _REGISTRY[key] = FigureSpec(key, label, unit, kind, provider, provider.__module__)
        return provider

    return register


def discover() -> dict[str, FigureSpec]:
    """Import every domain app's ``figures`` module once; return the declared figures by key."""
    global _discovered
    if not _discovered:
        for app in settings.DOMAIN_APPS:
            if find_spec(f"{app}.figures") is not None:
                import_module(f"{app}.figures")
        _discovered = True
    return dict(_REGISTRY)


def spec(key: str) -> FigureSpec | None:
    """The figure declared as ``key``, or None when no installed module declares it."""
    return discover().get(key)


def periods_of(today: date) -> list[tuple[str, date, date]]:
    """The periods a refresh computes: the year so far, each month so far, and live (today)."""
    periods = [(str(today.year), date(today.year, 1, 1), today)]
    for month in range(1, today.month + 1):
        first = date(today.year, month, 1)
        last = today if month == today.month else _month_end(first)
        periods.append((f"{today.year}-{month:02d}", first, last))
    periods.append((LIVE, today, today))
    return periods


def year_periods(year: int) -> list[tuple[str, date, date]]:
    """A closed year and its months (for reports on past years)."""
    periods = [(str(year), date(year, 1, 1), date(year, 12, 31))]
    for month in range(1, 13):
        first = date(year, month, 1)
        periods.append((f"{year}-{month:02d}", first, _month_end(first)))
    return periods


def _month_end(first: date) -> date:
    nxt = date(first.year + (first.month == 12), first.month % 12 + 1, 1)
    return date.fromordinal(nxt.toordinal() - 1)


def compute(key: str, start: date, end: date) -> dict[str, Decimal]:
    """Run one provider and complete the city value (the counties' sum unless a rate)."""
    figure_spec = discover()[key]
    raw = figure_spec.provider(start, end)
    values = {code: Decimal(str(v)) for code, v in raw.items() if v is not None}
    unknown = set(values) - {CITY, *COUNTIES}
    if unknown:
        raise ValueError(f"figure {key} returned unknown regions {sorted(unknown)}")
    if CITY not in values and figure_spec.kind != RATE:
        values[CITY] = sum((values[c] for c in COUNTIES if c in values), Decimal(0))
    return values


def figures_refresh(
    keys: Iterable[str] | None = None,
    *,
    today: date | None = None,
    year: int | None = None,
    progress: Callable[[str], None] | None = None,
) -> dict[str, int]:
    """Recompute and store the figures (all, or ``keys``) for this year so far, or a closed ``year``.

    Each figure is written in its own transaction: a failing provider is reported and the others
    are still stored; running it twice stores the same rows."""
    from renshe.core.models import FigureValue

    today = today or timezone.localdate()
    periods = year_periods(year) if year is not None else periods_of(today)
    specs = discover()
    wanted = list(keys) if keys is not None else sorted(specs)
    stored = failed = 0
    now = timezone.now()
    for key in wanted:
        if key not in specs:
            raise KeyError(f"no installed module declares the figure {key!r}")
        try:
            rows = []
            for period, start, end in periods:
                for code, value in compute(key, start, end).items():
                    rows.append(FigureValue(key=key, period=period, region_code=code, value=value, computed_at=now))
            with transaction.atomic():
                FigureValue.objects.filter(key=key, period__in=[p for p, _s, _e in periods]).delete()
                FigureValue.objects.bulk_create(rows)
            stored += len(rows)
        except Exception as exc:  # one module's failure must not stop the others' figures
            failed += 1
            if progress:
                progress(f"{key}: {type(exc).__name__}: {exc}")
            continue
        if progress:
            progress(f"{key}: {len(rows)}")
    return {"figures": len(wanted) - failed, "failed": failed, "rows": stored}


def figure_bump(key: str, region_code: str, delta: Number = 1, *, on: date | None = None) -> None:
    """Add ``delta`` to the stored live, year and month values of a FLOW or STOCK figure for the
    county of ``region_code`` and the city, as something happens (the next refresh recomputes)."""
    from renshe.core.models import FigureValue

    figure_spec = spec(key)
    if figure_spec is None or figure_spec.kind == RATE:
        raise ValueError(f"figure {key!r} is not a countable installed figure")
    on = on or timezone.localdate()
    county = region_code[:6]
    periods = [LIVE, str(on.year), f"{on.year}-{on.month:02d}"]
    if figure_spec.kind == STOCK:
        periods = [LIVE]
    now = timezone.now()
    with transaction.atomic():
        for period in periods:
            for code in {county, CITY} & {CITY, *COUNTIES}:
                updated = FigureValue.objects.filter(key=key, period=period, region_code=code).update(
                    value=F("value") + Decimal(str(delta)), computed_at=now
                )
                if not updated:
                    FigureValue.objects.get_or_create(
                        key=key,
                        period=period,
                        region_code=code,
                        defaults={"value": Decimal(str(delta)), "computed_at": now},
                    )


def figure_values(key: str, period: str) -> dict[str, Decimal]:
    """The stored values of ``key`` for ``period`` by region code (empty when never computed)."""
    from renshe.core.models import FigureValue

    rows = FigureValue.objects.filter(key=key, period=period).values_list("region_code", "value")
    return dict(rows)


def figure_table(keys: Iterable[str], periods: Iterable[str]) -> dict[tuple[str, str, str], Decimal]:
    """Many figures at once in one query: ``{(key, period, region_code): value}``."""
    from renshe.core.models import FigureValue

    rows = FigureValue.objects.filter(key__in=list(keys), period__in=list(periods)).values_list(
        "key", "period", "region_code", "value"
    )
    return {(k, p, r): v for k, p, r, v in rows}
