"""The big screen's data at city scale (DESIGN.md target: /api/v1/screen/ under 200 ms warm, under 2 s cold).

On the bench database (after ``seed_demo --scale city``) this runs ``figures_refresh`` once — every
declared figure for this year, its months and live, the way Celery beat does — and then measures the
payload behind /api/v1/screen/ (``renshe.screen.selectors.screen_payload``) as the demo ``leader``:

* cold: empty cache, the screen's modules not yet imported in this process — the first payload;
* warm, uncached: the payload expired before each call (its cache generation bumped), the database
  and the sources' own caches (fair counts 10 s, plan values by county 60 s) as in production — what
  a screen pays every ``CACHE_SECONDS`` (p50/p95 over ``--rounds`` calls), for the city and for a
  county's drill-down; the same with every cache cleared, as information;
* warm, cached: what every other screen on the wall pays within those seconds.

``refresh_figures`` itself is timed as information (it is a background job). Prints one
``BENCH_JSON {...}`` line; ``bench/run.py`` runs it as its screen stage and adds ``report_rows``.

    .venv/bin/python bench/screen.py [--rounds 30]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WARM_TARGET_MS = 200.0
COLD_TARGET_MS = 2000.0


def _ms(seconds: float) -> float:
    return seconds * 1000.0


def _percentiles(samples: list[float]) -> dict:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, max(0, round(0.95 * len(ordered)) - 1))]
    return {"p50_ms": statistics.median(ordered), "p95_ms": p95, "max_ms": ordered[-1], "n": len(ordered)}


def measure(*, rounds: int, refresh: bool) -> dict:
    from django.core.cache import cache, caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from renshe.accounts.models import User
    from renshe.core import figures
    from renshe.core.models import FigureValue

    result: dict = {"rounds": rounds}
    cache.clear()
    viewer = User.objects.filter(username="leader").first() or User.objects.filter(role="leader").first()
    if viewer is None:
        raise RuntimeError("no leader account: run seed_demo first")

    if refresh:
        started = time.perf_counter()
        result["refresh"] = figures.figures_refresh()
        result["refresh_seconds"] = time.perf_counter() - started
    result["figure_rows"] = FigureValue.objects.count()
    result["figures_declared"] = len(figures.discover())

    # Cold: the screen's modules not yet imported in this process, the cache empty, the payload's
    # rows never read by this connection.
    cache.clear()
    started = time.perf_counter()
    from renshe.screen import selectors

    with CaptureQueriesContext(connection) as cold_queries:
        payload = selectors.screen_payload(viewer=viewer)
    result["cold_ms"] = _ms(time.perf_counter() - started)
    result["cold_queries"] = len(cold_queries)
    result["panels"] = {k: v["status"] for k, v in payload["panels"].items()}
    result["payload_bytes"] = len(json.dumps(payload, ensure_ascii=False, default=str).encode())

    from renshe.screen.services import screen_cache_invalidate

    runs = (
        (None, "warm_uncached", screen_cache_invalidate),
        ("440902", "warm_uncached_county", screen_cache_invalidate),
        (None, "warm_all_caches_cleared", cache.clear),
        ("440902", "warm_all_caches_cleared_county", cache.clear),
    )
    for region, key, expire in runs:
        samples = []
        queries = 0
        for _ in range(rounds):
            expire()
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as captured:
                selectors.screen_payload(viewer=viewer, region=region)
            samples.append(_ms(time.perf_counter() - started))
            queries = len(captured)
        result[key] = {**_percentiles(samples), "queries": queries}

    selectors.screen_payload(viewer=viewer)
    samples = []
    for _ in range(rounds * 10):
        started = time.perf_counter()
        selectors.screen_payload(viewer=viewer)
        samples.append(_ms(time.perf_counter() - started))
    result["warm_cached"] = _percentiles(samples)
    result["cache_backend"] = type(caches["default"]).__name__
    result["loadavg"] = os.getloadavg()[0]
    return result


def report_rows(result: dict, label: str = "f") -> list[str]:
    """Rows for bench/run.py's table: | | what | measured | baseline | ratio | target | |"""
    warm, county, cached = result["warm_uncached"], result["warm_uncached_county"], result["warm_cached"]
    bare, bare_county = result["warm_all_caches_cleared"], result["warm_all_caches_cleared_county"]
    cold = result["cold_ms"]
    warm_ok = warm["p95_ms"] < WARM_TARGET_MS and county["p95_ms"] < WARM_TARGET_MS
    refresh = (
        f"; `refresh_figures` before it: {result['refresh_seconds']:,.1f} s for {result['figures_declared']} figures "
        f"({result['figure_rows']:,} rows)"
        if "refresh_seconds" in result
        else ""
    )
    return [
        f"| {label} | big-screen data (`/api/v1/screen/` payload, every panel) cold: fresh process, empty cache "
        f"| {cold:,.0f} ms ({result['cold_queries']} queries, {result['payload_bytes']:,} bytes{refresh}; "
        f"load {result['loadavg']:.1f}) | — | — | < 2 000 ms | {'✅' if cold < COLD_TARGET_MS else '❌'} |",
        f"| {label}′ | big-screen data warm, the payload expired before each call (DB warm; the sources' "
        f"own caches as in production), city / county drill-down "
        f"| p50 {warm['p50_ms']:.1f} ms, p95 {warm['p95_ms']:.1f} ms ({warm['queries']} queries) / "
        f"p50 {county['p50_ms']:.1f} ms, p95 {county['p95_ms']:.1f} ms ({county['queries']} queries) "
        f"| cached ({result['cache_backend']}): p50 {cached['p50_ms']:.2f} ms, p95 {cached['p95_ms']:.2f} ms "
        f"| — | p95 < 200 ms | {'✅' if warm_ok else '❌'} |",
        f"| {label}″ | the same with every cache cleared before each call (fair counts, plan values by county) "
        f"| p50 {bare['p50_ms']:.1f} ms, p95 {bare['p95_ms']:.1f} ms ({bare['queries']} queries) / "
        f"p50 {bare_county['p50_ms']:.1f} ms, p95 {bare_county['p95_ms']:.1f} ms ({bare_county['queries']} queries) "
        f"| — | — | (information) | — |",
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--no-refresh", action="store_true", help="measure over the figure rows already stored")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "renshe.settings")
    import django

    django.setup()
    result = measure(rounds=args.rounds, refresh=not args.no_refresh)
    print("BENCH_JSON " + json.dumps(result, ensure_ascii=False, default=str), flush=True)
    print("\n".join(report_rows(result)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
