"""``make bench``: the city dataset on PostgreSQL, measured against baselines taken in the same run.

Stages (each figure next to its baseline, see DESIGN.md "Targets"):

a. ``seed_demo --scale city`` — 6.2 million people, 300 000 employers, their employment — timed
   against the 15-minute target;
b. a 1 000 000-row people CSV through ``registry_import_file`` (good_only) against PostgreSQL's own
   ``COPY`` of the same rows into a table with the same columns, indexes and foreign keys;
c. person search (name prefix, pinyin initials, identity number) through ``person_list`` as a
   city administrator and as a district clerk: p50/p95 of the first page;
d. HTTP with wrk (32 connections, loopback) against gunicorn: the bare ``/healthz`` view, the
   registry list page and ``/api/v1/persons/`` as a district clerk.
e. job matching (``bench/matching.py``): 200 000 open jobs and 50 000 seekers generated on the city,
   then top-20 ``jobs_for_seeker`` for random seekers — p50/p95 and queries/s against the < 50 ms p95
   target, next to a PostgreSQL full-text baseline.
f. the big screen (``bench/screen.py``): ``refresh_figures``, then the /api/v1/screen/ payload cold,
   warm with the cache cleared (city and a county) and cached, against < 2 s cold and < 200 ms warm.

PostgreSQL runs in its own throw-away cluster (``PG_PORT``, default 54330; ``PG_DIR``). Every
server this starts listens on 127.0.0.1 only, and every loop and wait is bounded.

    .venv/bin/python bench/run.py            # the full run (20+ minutes), writes bench/RESULTS.md
    .venv/bin/python bench/run.py --quick    # 200 000 people, short runs: a dry run in a few minutes
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
PY = sys.executable
HOST = "127.0.0.1"
SEED_TARGET_SECONDS = 15 * 60
IMPORT_TARGET = 0.25
HTTP_TARGET = 0.40
HTTP_P99_TARGET_MS = 300


class LoadSampler:
    """The 1-minute load average every few seconds, so each figure can say how busy the machine was."""

    def __init__(self, every: float = 5.0):
        self.samples: list[tuple[float, float]] = []
        self.every = every
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.samples.append((time.monotonic(), os.getloadavg()[0]))
            self._stop.wait(self.every)

    def mean_since(self, start: float) -> float:
        values = [load for at, load in self.samples if at >= start] or [os.getloadavg()[0]]
        return sum(values) / len(values)

    def stop(self) -> None:
        self._stop.set()


LOAD = LoadSampler()


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


# --- running things ---------------------------------------------------------------------------


def _json_line(output: str) -> dict:
    for line in reversed(output.splitlines()):
        if line.startswith("BENCH_JSON "):
            return json.loads(line[len("BENCH_JSON ") :])
    raise RuntimeError(f"no BENCH_JSON line in output:\n{output[-3000:]}")


def run(cmd: list[str], *, env: dict, timeout: float, echo: bool = False) -> str:
    """Run ``cmd`` to completion (its process group killed after ``timeout`` seconds); return its output."""
    lines: list[str] = []
    with subprocess.Popen(
        cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True
    ) as proc:

        def read() -> None:
            assert proc.stdout is not None
            for line in proc.stdout:
                lines.append(line)
                if echo:
                    print("    " + line.rstrip(), flush=True)

        reader = threading.Thread(target=read, daemon=True)
        reader.start()
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=30)
            raise
        finally:
            reader.join(timeout=30)
    output = "".join(lines)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}):\n{output[-3000:]}")
    return output


def stage(name: str, *args, env: dict, timeout: float) -> dict:
    return _json_line(run([PY, "bench/stages.py", name, *map(str, args)], env=env, timeout=timeout))


# --- PostgreSQL -------------------------------------------------------------------------------


def pg_start(port: int, data_dir: str) -> str:
    env = {**os.environ, "PG_PORT": str(port), "PG_DIR": data_dir}
    url = run(["bash", "scripts/pg.sh", "start"], env=env, timeout=120).strip().splitlines()[-1]
    if not url.startswith(f"postgres://postgres@{HOST}:{port}/"):
        raise RuntimeError(f"unexpected DATABASE_URL from scripts/pg.sh: {url}")
    return url.rsplit("/", 1)[0]


def pg_stop(port: int, data_dir: str) -> None:
    env = {**os.environ, "PG_PORT": str(port), "PG_DIR": data_dir}
    run(["bash", "scripts/pg.sh", "stop"], env=env, timeout=120)


def pg_execute(server: str, database: str, *statements: str) -> list:
    import psycopg

    rows = []
    with psycopg.connect(f"{server}/{database}", autocommit=True) as conn:
        for statement in statements:
            cur = conn.execute(statement)
            rows.append(cur.fetchall() if cur.description else None)
    return rows


# --- HTTP -------------------------------------------------------------------------------------


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def http(url: str, *, headers: dict | None = None, data: dict | None = None, timeout: float = 30) -> tuple[int, str]:
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    request = urllib.request.Request(url, data=body, headers=headers or {})
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(request, timeout=timeout) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8", "replace")


def wait_http(url: str, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if http(url, timeout=2)[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"{url} did not answer within {seconds:.0f} s (see bench/out/gunicorn.log)")


def wrk(url: str, *, seconds: int, connections: int, threads: int, env: dict) -> dict:
    cmd = [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{seconds}s",
        "--timeout",
        "10s",
        "--latency",
        "-s",
        str(ROOT / "bench" / "wrk.lua"),
        url,
    ]
    result = _json_line(run(cmd, env=env, timeout=seconds + 60))
    result["rps"] = result["requests"] / (result["duration_us"] / 1e6)
    result["errors"] = sum(result[k] for k in result if k.startswith("errors_"))
    return result


# --- the stages -------------------------------------------------------------------------------


def machine() -> dict:
    memory = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = f"{int(line.split()[1]) / 1048576:.1f} GiB"
    except OSError:
        pass
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "memory": memory,
        "python": platform.python_version(),
        "kernel": platform.release(),
    }


def stage_http(args, env: dict, base: str, results: dict) -> None:
    port = args.http_port
    http_env = {**env, "BENCH_HTTP_PORT": str(port), "BENCH_WORKERS": "2", "BENCH_THREADS": str(args.threads)}
    log_file = (OUT / "gunicorn.log").open("w")
    proc = subprocess.Popen(
        [PY, "-m", "gunicorn", "-c", "bench/gunicorn.conf.py"],
        cwd=ROOT,
        env=http_env,
        stdout=log_file,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        wait_http(f"{base}/healthz", 60)
        cookie = stage("session", "clerk_maonan", env=env, timeout=120)["cookie"]
        status, body = http(
            f"{base}/api/v1/auth/token/",
            data={"username": "clerk_maonan", "password": os.environ.get("DEMO_PASSWORD", "Renshe@2026")},
        )
        if status != 200:
            raise RuntimeError(f"/api/v1/auth/token/ answered {status}: {body[:500]}")
        token = json.loads(body)["token"]
        targets = [
            ("healthz", "/healthz", {}, "ok"),
            ("persons_page", "/registry/persons/", {"BENCH_COOKIE": cookie}, "person-table"),
            ("persons_api", "/api/v1/persons/", {"BENCH_AUTHORIZATION": f"Token {token}"}, '"results"'),
        ]
        for key, path, auth, expect in targets:
            headers = {}
            if "BENCH_COOKIE" in auth:
                headers["Cookie"] = auth["BENCH_COOKIE"]
            if "BENCH_AUTHORIZATION" in auth:
                headers["Authorization"] = auth["BENCH_AUTHORIZATION"]
            status, body = http(f"{base}{path}", headers=headers)
            if status != 200 or expect not in body:
                raise RuntimeError(f"GET {path} as the bench client: {status}, expected 200 with {expect!r}")
            wrk_env = {**os.environ, **auth}
            log(f"wrk {path}: warm-up {args.warmup} s, then {args.duration} s with {args.connections} connections")
            wrk(f"{base}{path}", seconds=args.warmup, connections=args.connections, threads=2, env=wrk_env)
            started = time.monotonic()
            results["http"][key] = {
                "path": path,
                **wrk(f"{base}{path}", seconds=args.duration, connections=args.connections, threads=2, env=wrk_env),
            }
            results["http"][key]["loadavg"] = LOAD.mean_since(started)
            r = results["http"][key]
            log(
                f"  {r['rps']:.0f} req/s, p50 {r['p50_us'] / 1000:.1f} ms, p99 {r['p99_us'] / 1000:.1f} ms, "
                f"errors {r['errors']}"
            )
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=30)
        log_file.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="200 000 people and short runs: a dry run")
    parser.add_argument(
        "--reuse", action="store_true", help="use the bench database kept by --keep (no seeding; search and http)"
    )
    parser.add_argument("--keep", action="store_true", help="keep the bench database and leave PostgreSQL running")
    parser.add_argument(
        "--stages", default=None, help="comma-separated subset of seed,search,matching,screen,http,import"
    )
    parser.add_argument("--pg-port", type=int, default=int(os.environ.get("PG_PORT", "54330")))
    parser.add_argument("--http-port", type=int, default=8765)
    parser.add_argument("--threads", type=int, default=4, help="gunicorn threads per worker (2 workers)")
    parser.add_argument("--connections", type=int, default=32)
    args = parser.parse_args()
    # An import adds its people to the database for good: a kept database gets only the read-only stages.
    stages = set(
        (
            args.stages or ("search,matching,screen,http" if args.reuse else "seed,search,matching,screen,http,import")
        ).split(",")
    )
    people, employers = (200_000, 10_000) if args.quick else (None, None)
    import_rows = 100_000 if args.quick else 1_000_000
    search_queries = 50 if args.quick else 200
    args.duration, args.warmup = (10, 3) if args.quick else (30, 5)
    if shutil.which("wrk") is None and "http" in stages:
        print("wrk is not installed: run `bash scripts/system-deps.sh bench`", file=sys.stderr)
        return 2

    OUT.mkdir(parents=True, exist_ok=True)
    data_dir = os.environ.get("PG_DIR", f"/var/tmp/renshe-bench-pg-{args.pg_port}")
    started_at = datetime.now().astimezone()
    results: dict = {
        "quick": args.quick,
        "started": started_at.isoformat(timespec="seconds"),
        "machine": machine(),
        "loadavg_start": os.getloadavg(),
        "http": {},
    }
    log(f"machine: {results['machine']}, load average {results['loadavg_start'][0]:.2f}")

    server = pg_start(args.pg_port, data_dir)
    database = "renshe_bench_quick" if args.quick else "renshe_bench"
    results["postgres"] = pg_execute(server, "postgres", "SHOW server_version")[0][0][0]
    url = f"{server}/{database}"
    env = {k: v for k, v in os.environ.items() if k not in ("RENSHE_TESTING", "DJANGO_SETTINGS_MODULE")}
    env.update(
        DATABASE_URL=url,
        DEBUG="0",
        LOG_LEVEL="WARNING",
        IMPORT_MAX_BYTES=str(4 << 30),  # a 1M-row CSV is ~130 MB; the default upload limit is 50 MB
        IMPORT_MAX_ROWS="5000000",
        PYTHONUNBUFFERED="1",
    )
    try:
        exists = pg_execute(server, "postgres", f"SELECT 1 FROM pg_database WHERE datname = '{database}'")[0]
        if not (args.reuse and exists):
            log(f"fresh database {database} on {server}")
            pg_execute(
                server, "postgres", f"DROP DATABASE IF EXISTS {database} WITH (FORCE)", f"CREATE DATABASE {database}"
            )
            run([PY, "manage.py", "migrate", "--noinput", "-v0"], env=env, timeout=600)
        else:
            log(f"reusing {database}: applying new migrations only")
            run([PY, "manage.py", "migrate", "--noinput", "-v0"], env=env, timeout=3600)
        if "seed" in stages and not (args.reuse and exists):
            cmd = [PY, "manage.py", "seed_demo", "--scale", "city"]
            if people is not None:
                cmd += ["--people", str(people), "--employers", str(employers)]
            log(" ".join(cmd[1:]))
            started, since = time.perf_counter(), time.monotonic()
            output = run(cmd, env=env, timeout=3 * 3600, echo=True)
            results["seed"] = {
                "seconds": time.perf_counter() - started,
                "log": [line for line in output.splitlines() if line.startswith("  ")],
                "loadavg": LOAD.mean_since(since),
            }
        results["counts"] = stage("counts", env=env, timeout=600)
        log(f"dataset: {results['counts']}")

        if "search" in stages:
            log(f"search: {search_queries} queries of each kind, two viewers")
            since = time.monotonic()
            results["search"] = stage("search", search_queries, 2026, env=env, timeout=1800)["search"]
            results["search_loadavg"] = LOAD.mean_since(since)
            for r in results["search"]:
                log(f"  {r['viewer']:13} {r['kind']:28} p50 {r['p50_ms']:7.2f} ms  p95 {r['p95_ms']:7.2f} ms")

        if "matching" in stages:
            # bench/matching.py: tops the database up to 200 000 open jobs and 50 000 seekers, then
            # times jobs_for_seeker (top 20) for random seekers against a PostgreSQL full-text baseline.
            log(f"matching: top 20 jobs for {search_queries} random seekers")
            since = time.monotonic()
            size = ["--jobs", "20000", "--seekers", "5000"] if args.quick else []
            cmd = [PY, "bench/matching.py", "--queries", str(search_queries), *size]
            results["matching"] = _json_line(run(cmd, env=env, timeout=3600, echo=True))
            results["matching"]["loadavg"] = LOAD.mean_since(since)

        if "screen" in stages:
            # bench/screen.py: refresh_figures, then the /api/v1/screen/ payload cold, warm and cached.
            log("screen: the big screen's data after refresh_figures")
            results["screen"] = _json_line(run([PY, "bench/screen.py"], env=env, timeout=3600, echo=True))

        if "http" in stages:
            stage_http(args, env, f"http://{HOST}:{args.http_port}", results)

        if "import" in stages:
            csv_path, tsv_path = OUT / "people_import.csv", OUT / "people_import.copy"
            log(f"import file: {import_rows:,} new people")
            results["import_file"] = stage("people-files", csv_path, tsv_path, import_rows, 777, env=env, timeout=3600)
            log("baseline: COPY of the same rows")
            since = time.monotonic()
            results["copy"] = stage("copy-baseline", tsv_path, env=env, timeout=3600)
            results["copy"]["loadavg"] = LOAD.mean_since(since)
            log("registry_import_file(kind='person', mode='good_only')")
            since = time.monotonic()
            results["import"] = stage("import", csv_path, env=env, timeout=3 * 3600)
            results["import"]["loadavg"] = LOAD.mean_since(since)
            for path in (csv_path, tsv_path):
                path.unlink(missing_ok=True)
    finally:
        if not args.keep:
            pg_execute(server, "postgres", f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")
            pg_stop(args.pg_port, data_dir)

    results["loadavg_end"] = os.getloadavg()
    LOAD.stop()
    (OUT / "latest.json").write_text(json.dumps(results, ensure_ascii=False, indent=2, default=str))
    table = report(results)
    print()
    print(table)
    (OUT / "latest.md").write_text(table + "\n", encoding="utf-8")
    if not args.quick and {"seed", "search", "http", "import"} <= stages and not args.reuse:
        (ROOT / "bench" / "RESULTS.md").write_text(results_page(table), encoding="utf-8")
        log("wrote bench/RESULTS.md")
    return 0


# --- the report -------------------------------------------------------------------------------


def _ok(passed: bool | None) -> str:
    return "—" if passed is None else ("✅" if passed else "❌")


def report(results: dict) -> str:
    m = results["machine"]
    counts = results.get("counts", {})
    lines = [
        f"### make bench{' --quick' if results['quick'] else ''} — {results['started']}",
        "",
        f"Machine: {m['nproc']} CPUs ({m['cpu']}), {m['memory']} RAM; PostgreSQL {results.get('postgres', '?')}, "
        f"Python {m['python']}; load average at start {results['loadavg_start'][0]:.2f}, "
        f"at end {results.get('loadavg_end', [0])[0]:.2f}.",
        f"Dataset: {counts.get('persons', 0):,} people, {counts.get('employers', 0):,} employers, "
        f"{counts.get('employments', 0):,} employment relations, {counts.get('person_tags', 0):,} person tags "
        f"({counts.get('database_size', '?')}).",
        "",
        "| | what | measured | baseline (same run) | ratio | target | |",
        "|---|---|---|---|---|---|---|",
    ]
    seed = results.get("seed")
    if seed:
        s = seed["seconds"]
        lines.append(
            f"| a | generate and load the city (`seed_demo --scale city`) | {s:,.0f} s "
            f"({counts.get('persons', 0) / s:,.0f} people/s; load {seed['loadavg']:.1f}) "
            f"| 15-minute budget: 900 s | {s / SEED_TARGET_SECONDS:.0%} "
            f"of budget | < 900 s | {_ok(s < SEED_TARGET_SECONDS)} |"
        )
    imp, copy = results.get("import"), results.get("copy")
    if imp and copy:
        if "error" in imp:
            lines.append(f"| b | import of people from CSV | not measured: {imp['error']} | | | ≥ 25% of COPY | — |")
        else:
            rows = imp["created"]
            t, c = imp["seconds"], copy["scratch_seconds"]
            lines.append(
                f"| b | import {imp['total']:,} people from CSV (`registry_import_file`, good_only; "
                f"{rows:,} created, {imp['failed']:,} failed) | {t:,.1f} s ({imp['total'] / t:,.0f} rows/s; "
                f"load {imp['loadavg']:.1f}) "
                f"| `COPY` of the same rows into an empty table with the same columns, "
                f"{copy['scratch_indexes']} indexes and foreign keys: {c:,.1f} s ({imp['total'] / c:,.0f} rows/s; "
                f"load {copy['loadavg']:.1f}) "
                f"| {c / t:.0%} | ≥ 25% | {_ok(c / t >= IMPORT_TARGET)} |"
            )
            if copy.get("live_seconds"):
                live = copy["live_seconds"]
                lines.append(
                    f"| b′ | the same import | {t:,.1f} s | `COPY` into `registry_person` itself "
                    f"(holding the city; rolled back): {live:,.1f} s ({imp['total'] / live:,.0f} rows/s) "
                    f"| {live / t:.0%} | (information) | — |"
                )
    for r in results.get("search", []):
        viewer = "city admin" if r["viewer"] == "city_admin" else "district clerk (茂南)"
        lines.append(
            f"| c | search by {r['kind']}, {viewer}, first page (21 rows) | p50 {r['p50_ms']:.1f} ms, "
            f"p95 {r['p95_ms']:.1f} ms (max {r['max_ms']:.0f} ms for “{r['slowest_query']}”; {r['queries']} queries, "
            f"{r['mean_rows']:.1f} rows on average; load {results.get('search_loadavg', 0):.1f}) | — | — | — | — |"
        )
    if results.get("matching"):
        from matching import report_rows  # bench/matching.py (bench/ is on the path when run.py runs)

        lines += report_rows(results["matching"], label="e")
    if results.get("screen"):
        from screen import report_rows as screen_rows  # bench/screen.py

        lines += screen_rows(results["screen"], label="f")
    http = results.get("http", {})
    bare = http.get("healthz")
    labels = {
        "healthz": "GET /healthz (bare Django view)",
        "persons_page": "GET /registry/persons/ as a district clerk (session)",
        "persons_api": "GET /api/v1/persons/ as a district clerk (token)",
    }
    for key in ("healthz", "persons_page", "persons_api"):
        r = http.get(key)
        if not r:
            continue
        measured = (
            f"{r['rps']:,.0f} req/s, p50 {r['p50_us'] / 1000:.1f} ms, p99 {r['p99_us'] / 1000:.1f} ms"
            + (f", {r['errors']} errors" if r["errors"] else "")
            + f" (load {r['loadavg']:.1f})"
        )
        if key == "healthz":
            lines.append(f"| d | {labels[key]} | {measured} | (the baseline) | 100% | — | — |")
            continue
        ratio = r["rps"] / bare["rps"] if bare else 0
        passed = ratio >= HTTP_TARGET and r["p99_us"] / 1000 < HTTP_P99_TARGET_MS and not r["errors"]
        lines.append(
            f"| d | {labels[key]} | {measured} | /healthz: {bare['rps']:,.0f} req/s | {ratio:.0%} "
            f"| ≥ 40%, p99 < 300 ms | {_ok(passed)} |"
        )
    lines.append("")
    lines.append(
        "HTTP: gunicorn 2 workers × 4 threads (gthread), DEBUG off; wrk 2 threads, 32 connections over loopback "
        "on the same CPUs as PostgreSQL and gunicorn. “load” is the 1-minute load average when the figure was "
        "taken: the machine is shared, and above its CPU count every figure is slowed by other work."
    )
    if seed and seed.get("log"):
        lines += ["", "Seeding log:", "", *[f"    {line.strip()}" for line in seed["log"]]]
    return "\n".join(lines)


def results_page(table: str) -> str:
    return (
        "# Benchmark results\n\n"
        "Produced by `make bench` (`bench/run.py`); the latest run of any kind is in `bench/out/latest.md`.\n"
        "Numbers are from one run on the machine named below: they vary with what else the machine is doing\n"
        "(see the load averages).\n\n" + table + "\n"
    )


if __name__ == "__main__":
    sys.exit(main())
