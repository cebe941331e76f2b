"""Fast bulk insertion of registry rows: PostgreSQL ``COPY`` where available, ``bulk_create`` otherwise.

Used by the importer and the demo-city generator. Rows must already be validated: this module
only writes. Each call runs in the caller's transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.db import connection

from renshe.registry.models import Employer, Employment, Person

PERSON_COLUMNS = (
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
EMPLOYER_COLUMNS = (
    "credit_code",
    "name",
    "industry_id",
    "region_id",
    "size",
    "ownership",
    "address",
    "legal_representative",
    "contact_phone",
    "created_at",
    "updated_at",
)
EMPLOYMENT_COLUMNS = (
    "person_id",
    "employer_id",
    "start_date",
    "end_date",
    "contract_type",
    "position",
    "end_reason",
    "created_at",
)


def _copy(table: str, columns: Sequence[str], rows: Iterable[Sequence]) -> int:
    count = 0
    with connection.cursor() as cursor:
        raw = cursor.cursor  # the psycopg 3 cursor under Django's wrapper
        with raw.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
                count += 1
    return count


def _bulk(model, columns: Sequence[str], rows: Iterable[Sequence], batch_size: int = 2000) -> int:
    count = 0
    batch = []
    for row in rows:
        batch.append(model(**dict(zip(columns, row, strict=True))))
        if len(batch) >= batch_size:
            model.objects.bulk_create(batch)
            count += len(batch)
            batch = []
    if batch:
        model.objects.bulk_create(batch)
        count += len(batch)
    return count


def insert_rows(model, columns: Sequence[str], rows: Iterable[Sequence]) -> int:
    """Insert ``rows`` (tuples in ``columns`` order) into ``model``'s table; return how many."""
    if connection.vendor == "postgresql":
        return _copy(model._meta.db_table, columns, rows)
    # bulk_create sets auto_now fields itself; keep the caller's values by naming them explicitly.
    return _bulk(model, columns, rows)


def persons_insert(rows: Iterable[Sequence]) -> int:
    return insert_rows(Person, PERSON_COLUMNS, rows)


def employers_insert(rows: Iterable[Sequence]) -> int:
    return insert_rows(Employer, EMPLOYER_COLUMNS, rows)


def employments_insert(rows: Iterable[Sequence]) -> int:
    return insert_rows(Employment, EMPLOYMENT_COLUMNS, rows)
