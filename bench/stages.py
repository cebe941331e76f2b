"""The Django side of ``make bench``: one stage per run, printing one JSON line (``BENCH_JSON {...}``).

``bench/run.py`` runs each stage in its own process with ``DATABASE_URL`` set to the bench
database, so every figure is measured in a fresh interpreter (no warm caches carried over from
an earlier stage) and the orchestrator itself never imports Django.

    python bench/stages.py counts
    python bench/stages.py people-files CSV TSV COUNT SEED
    python bench/stages.py copy-baseline TSV
    python bench/stages.py import CSV
    python bench/stages.py search QUERIES SEED
    python bench/stages.py session USERNAME
"""

from __future__ import annotations

import csv
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "renshe.settings")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402

from renshe.registry.models import Employer, Employment, Person  # noqa: E402

# The importer's person template (renshe.registry.importing.PERSON_FILE_COLUMNS), tags left out:
# the COPY baseline loads the same person rows, and tags would add a second table to one side only.
CSV_HEADER = ("姓名", "身份证号码", "手机号码", "居住地区划代码", "居住地址", "户籍地区划代码", "户籍地址", "学历")
STORED_COLUMNS = (
    "name",
    "name_initials",
    "id_number",
    "birth_date",
    "gender",
    "phone",
    "household_region_id",
    "household_address",
    "residence_region_id",
    "address",
    "education_id",
    "created_at",
    "updated_at",
)


def emit(payload: dict) -> None:
    print("BENCH_JSON " + json.dumps(payload, ensure_ascii=False, default=str), flush=True)


def _table_count(table: str) -> int:
    # Exact counts (the bench wants the real row numbers, once).
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {table}")
        return cursor.fetchone()[0]


def stage_counts() -> None:
    emit(
        {
            "persons": _table_count(Person._meta.db_table),
            "employers": _table_count(Employer._meta.db_table),
            "employments": _table_count(Employment._meta.db_table),
            "person_tags": _table_count(Person.tags.through._meta.db_table),
            "database_size": _database_size(),
        }
    )


def _database_size() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
        return cursor.fetchone()[0]


# --- (b) import vs COPY -----------------------------------------------------------------------


def _copy_text(value) -> str:
    if value is None:
        return "\\N"
    return str(value).replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


def stage_people_files(csv_path: str, tsv_path: str, count: str, seed: str) -> None:
    """The import file (CSV, the importer's template) and the same rows as stored (COPY text)."""
    from django.utils import timezone

    from renshe.registry.demo import extra_people

    started = time.perf_counter()
    now = timezone.now().isoformat()
    n = 0
    with (
        open(csv_path, "w", encoding="utf-8", newline="") as csv_file,
        open(tsv_path, "w", encoding="utf-8", newline="\n") as tsv_file,
    ):
        writer = csv.writer(csv_file)
        writer.writerow(CSV_HEADER)
        for person in extra_people(int(count), seed=int(seed)):
            writer.writerow(
                (
                    person["name"],
                    person["id_number"],
                    person["phone"],
                    person["residence_region_id"],
                    person["address"],
                    person["household_region_id"] or "",
                    person["household_address"],
                    person["education_id"] or "",
                )
            )
            stored = {**person, "created_at": now, "updated_at": now}
            tsv_file.write("\t".join(_copy_text(stored[c]) for c in STORED_COLUMNS) + "\n")
            n += 1
    emit(
        {
            "rows": n,
            "csv_bytes": os.path.getsize(csv_path),
            "tsv_bytes": os.path.getsize(tsv_path),
            "seconds": time.perf_counter() - started,
        }
    )


def _copy_file(table: str, tsv_path: str) -> float:
    started = time.perf_counter()
    with connection.cursor() as cursor:
        raw = cursor.cursor
        with (
            raw.copy(f"COPY {table} ({', '.join(STORED_COLUMNS)}) FROM STDIN") as copy,
            open(tsv_path, "rb") as fh,
        ):
            while block := fh.read(1 << 20):
                copy.write(block)
    return time.perf_counter() - started


def stage_copy_baseline(tsv_path: str) -> None:
    """PostgreSQL's own COPY of the same rows: (1) into a scratch table with registry_person's columns,
    indexes and foreign keys, empty; (2) into registry_person itself, rolled back, then vacuumed."""
    person = Person._meta.db_table
    scratch = "bench_copy_person"
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {scratch}")
        cursor.execute(f"CREATE TABLE {scratch} (LIKE {person} INCLUDING ALL)")
        cursor.execute(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint"
            " WHERE contype = 'f' AND conrelid = %s::regclass ORDER BY conname",
            [person],
        )
        for i, (_name, definition) in enumerate(cursor.fetchall()):
            cursor.execute(f"ALTER TABLE {scratch} ADD CONSTRAINT bench_fk_{i} {definition}")
        cursor.execute("SELECT count(*) FROM pg_index WHERE indrelid = %s::regclass", [scratch])
        scratch_indexes = cursor.fetchone()[0]
    started = time.perf_counter()
    with transaction.atomic():  # the commit runs the deferred foreign-key checks: timed too
        _copy_file(scratch, tsv_path)
    scratch_seconds = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE {scratch}")
    live_seconds = None
    try:
        with transaction.atomic():
            live_seconds = _copy_file(person, tsv_path)
            # Deferred foreign-key checks run at commit: make them run now, inside the timing.
            started = time.perf_counter()
            with connection.cursor() as cursor:
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            live_seconds += time.perf_counter() - started
            raise _Rollback
    except _Rollback:
        pass
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM ANALYZE {person}")
    emit({"scratch_seconds": scratch_seconds, "scratch_indexes": scratch_indexes, "live_seconds": live_seconds})


class _Rollback(Exception):
    pass


def stage_import(csv_path: str) -> None:
    try:
        from renshe.registry.importing import registry_import_file
    except ImportError as exc:
        emit({"error": f"renshe.registry.importing.registry_import_file is not importable: {exc}"})
        return
    started = time.perf_counter()
    result = registry_import_file(actor=None, kind="person", path=csv_path, mode="good_only")
    seconds = time.perf_counter() - started
    emit(
        {
            "seconds": seconds,
            "total": result.total,
            "created": result.created,
            "failed": result.failed,
            "skipped_existing": result.skipped_existing,
            "first_errors": [e.as_list() for e in result.errors[:5]],
        }
    )


# --- (c) search --------------------------------------------------------------------------------


def _sample(prefix: str, n: int, seed: int) -> list[tuple[str, str, str]]:
    """``n`` random people living under ``prefix`` (name, initials, identity number), reproducibly."""
    rows: list[tuple[str, str, str]] = []
    percent = 0.05
    with connection.cursor() as cursor:
        while len(rows) < n and percent <= 100:
            cursor.execute(
                f"SELECT name, name_initials, id_number FROM {Person._meta.db_table}"
                f" TABLESAMPLE SYSTEM ({percent}) REPEATABLE ({seed})"
                " WHERE residence_region_id LIKE %s",
                [prefix + "%"],
            )
            rows = cursor.fetchall()
            percent *= 4
    random.Random(seed).shuffle(rows)
    return rows[:n]


def _percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def stage_search(queries: str, seed: str) -> None:
    from renshe.accounts.models import User
    from renshe.registry.selectors import person_list

    n, seed_ = int(queries), int(seed)
    out = []
    for username in ("city_admin", "clerk_maonan"):
        viewer = User.objects.select_related("org_unit__region").get(username=username)
        prefix = viewer.org_unit.region.scope_prefix
        sample = _sample(prefix, n, seed_)
        kinds = {
            "name prefix (2 characters)": [name[:2] for name, _i, _n in sample],
            "pinyin initials": [initials for _name, initials, _n in sample],
            "full identity number": [number for _name, _i, number in sample],
        }
        for kind, texts in kinds.items():
            for text in texts[:5]:  # warm-up: plans cached, connection open
                list(person_list(viewer=viewer, query=text)[:21])
            timings, rows, slowest = [], [], (0.0, "")
            for text in texts:
                started = time.perf_counter()
                found = list(person_list(viewer=viewer, query=text)[:21])
                elapsed = time.perf_counter() - started
                timings.append(elapsed)
                rows.append(len(found))
                if elapsed > slowest[0]:
                    slowest = (elapsed, text)
            out.append(
                {
                    "viewer": username,
                    "kind": kind,
                    "queries": len(timings),
                    "p50_ms": 1000 * _percentile(timings, 50),
                    "p95_ms": 1000 * _percentile(timings, 95),
                    "max_ms": 1000 * max(timings),
                    "mean_rows": statistics.mean(rows),
                    "slowest_query": slowest[1],
                }
            )
    emit({"search": out})


# --- (d) HTTP ---------------------------------------------------------------------------------


def stage_session(username: str) -> None:
    """A logged-in session for ``username`` (the session cookie wrk sends)."""
    from django.conf import settings
    from django.test import Client

    from renshe.accounts.models import User

    client = Client()
    client.force_login(User.objects.get(username=username))
    emit({"cookie": f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"})


STAGES = {
    "counts": stage_counts,
    "people-files": stage_people_files,
    "copy-baseline": stage_copy_baseline,
    "import": stage_import,
    "search": stage_search,
    "session": stage_session,
}

if __name__ == "__main__":
    STAGES[sys.argv[1]](*sys.argv[2:])
