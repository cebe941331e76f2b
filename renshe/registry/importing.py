"""Batch import of people and employers from Excel (.xlsx) and CSV files.

``registry_import_file`` is the engine; ``import_job_*`` keep the record of an upload (``ImportJob``)
for the pages and the Celery task (``renshe.registry.tasks``).

Reading
    The format is decided by the file's content, not its name: a zip is an .xlsx (first worksheet,
    openpyxl read-only), an OLE file is an old .xls (refused, with a hint), anything else is CSV
    (csv module; UTF-8 with or without BOM, or GB18030 — what Chinese Excel writes for "CSV (逗号分隔)";
    UTF-8 is tried first over the whole file, in the same pass that computes the sha256). Both are
    streamed: memory stays flat whatever the size, except the map of identity numbers (or credit
    codes) seen so far, kept to find duplicates inside the file.

Columns
    Row 1 is the header; row numbers in messages are the ones the user sees in Excel, so the first
    data row is row 2. Headers may come in any order (the template's order is ``PERSON_FILE_COLUMNS``
    / ``EMPLOYER_FILE_COLUMNS``). A file missing a required column is refused, naming the columns.
    Optional columns may be left out: their fields stay empty and are not compared with existing
    records. Unknown columns are refused too, naming them: a misspelt optional header ("手机号" for
    "手机号码") would otherwise be dropped silently with its data. Two are tolerated and ignored:
    "错误原因", so a user can correct the downloaded error file and upload it again, and "序号".
    Blank rows are skipped and not counted. A row reaching past the header (in a CSV: more cells
    than the header, the mark of an unquoted comma that shifted every later value) is an error.

Modes
    ``all_or_nothing``: any bad row means nothing is stored (the run's transaction is rolled back;
    every row is still checked, so every error is reported). ``good_only``: the good rows are stored,
    the bad ones reported. Either way the whole import is one transaction: a crash, a refused file
    found half-way (too many rows, bad encoding) or a concurrent insert of the same number leaves
    nothing behind.

Idempotency
    A row whose identity number (credit code) is already registered is skipped, never overwritten:
    with the same data it only counts as "已存在，跳过"; with different data it is reported as a
    warning ("已存在且信息不同，未覆盖"). So importing the same file twice creates nothing the second
    time. A number appearing twice in one file is an error on the later row.

Speed
    Rows are validated in pure Python against reference data loaded once (regions, education levels,
    person tags, industries); the database is asked about duplicates once per chunk of ``CHUNK_ROWS``
    numbers, and new rows go in through ``renshe.registry.bulk`` (``COPY`` on PostgreSQL). Tags, when
    the column has any, are written after each chunk by looking the new ids up by number.

Audit
    One audit entry per import run (action ``import``) with the file name, its sha256, the mode and
    the counts — not one per imported record: at a million rows an entry per row would make the hash
    chain (one locked head row, one digest per entry) the bottleneck, and the file's hash identifies
    exactly what was imported. Refused files are audited too.

Errors kept
    ``ImportResult.errors`` (and ``ImportJob.errors``) keep the first ``ERROR_CAP`` entries;
    ``failed`` and ``warned`` count every row.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import re
import uuid
import warnings
import zipfile
import zlib
from collections.abc import Callable, Generator, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from io import BytesIO
from pathlib import Path
from xml.etree.ElementTree import ParseError

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from renshe.accounts.models import Role
from renshe.accounts.scoping import region_prefix
from renshe.audit.models import AuditAction
from renshe.audit.services import audit_record
from renshe.core.excel import xlsx_bytes
from renshe.core.identity import normalize_phone, parse_resident_id, validate_uscc
from renshe.core.models import EducationLevel, Industry, PersonTag, Region, RegionLevel
from renshe.core.text import name_initials
from renshe.registry import bulk
from renshe.registry.models import Employer, EmployerSize, ImportJob, Ownership
from renshe.registry.selectors import dangerously_all_persons

KIND_PERSON = ImportJob.Kind.PERSON.value
KIND_EMPLOYER = ImportJob.Kind.EMPLOYER.value
MODE_ALL_OR_NOTHING = ImportJob.Mode.ALL_OR_NOTHING.value
MODE_GOOD_ONLY = ImportJob.Mode.GOOD_ONLY.value

CHUNK_ROWS = 5000  # rows validated, looked up and inserted together
SQLITE_LOOKUP = 900  # SQLite's historic limit is 999 parameters a statement
ERROR_CAP = 10_000  # error entries kept (and shown, and put in the error file)
XLSX_MAX_UNPACKED_RATIO = 20  # refuse an .xlsx that unpacks to more than 20 × IMPORT_MAX_BYTES (zip bomb)
IGNORED_HEADERS = frozenset({"错误原因", "序号"})
ERROR_COLUMN = "错误原因"
WARNING = "warning"
ERROR = "error"

_TAG_SPLIT = re.compile(r"[、,，;；\s]+")


@dataclass(frozen=True)
class Column:
    key: str
    label: str  # the header, exactly as in the template (data format: never translated)
    required: bool
    help: str = ""


PERSON_FILE_COLUMNS: tuple[Column, ...] = (
    Column("name", "姓名", True, "必填，最多40个字"),
    Column("id_number", "身份证号码", True, "必填，18位（或旧版15位）；请设为文本格式，避免 Excel 改成科学计数法"),
    Column("phone", "手机号码", False, "11位手机号码，可留空"),
    Column("residence_region", "居住地区划代码", True, "必填，区县或镇街的区划代码，如 440902001（红旗街道）"),
    Column("address", "居住地址", False, "最多120个字"),
    Column("household_region", "户籍地区划代码", False, "茂名市内的区县或镇街区划代码，可留空"),
    Column("household_address", "户籍地址", False, "最多120个字"),
    Column("education", "学历", False, "学历名称或代码，如 大学本科 / 21"),
    Column("tags", "人员类别", False, "可填多个，用 、 或 , 分隔，如 高校毕业生、退役军人"),
)
EMPLOYER_FILE_COLUMNS: tuple[Column, ...] = (
    Column("credit_code", "统一社会信用代码", True, "必填，18位"),
    Column("name", "单位名称", True, "必填，最多100个字"),
    Column("industry", "行业门类", True, "必填，国民经济行业门类代码 A–T 或名称，如 C / 制造业"),
    Column("region", "所在地区划代码", True, "必填，区县或镇街的区划代码，如 440902001"),
    Column("size", "规模", True, "必填：大型、中型、小型、微型"),
    Column(
        "ownership",
        "经济类型",
        True,
        "必填：国有、集体、私营、外商投资、港澳台投资、个体工商户、机关事业单位、社会组织、其他",
    ),
    Column("address", "地址", False, "最多120个字"),
    Column("legal_representative", "法定代表人", False, "最多40个字"),
    Column("contact_phone", "联系电话", False, "11位手机号码，可留空"),
)
FILE_COLUMNS = {KIND_PERSON: PERSON_FILE_COLUMNS, KIND_EMPLOYER: EMPLOYER_FILE_COLUMNS}
KIND_LABELS = dict(ImportJob.Kind.choices)
# Common variants of our headers, mapped to ours.
HEADER_ALIASES = {
    "身份证号": "身份证号码",
    "公民身份号码": "身份证号码",
    "身份证": "身份证号码",
    "手机号": "手机号码",
    "信用代码": "统一社会信用代码",
}


# --- results and errors ---------------------------------------------------------------------


class ImportFileError(ValidationError):
    """The file as a whole cannot be imported (format, size, columns, encoding); nothing is stored."""


@dataclass(frozen=True, slots=True)
class RowError:
    row: int  # as the user sees it in the file: the header is row 1
    field: str  # the column's Chinese header, or "" for the whole row
    reason: str
    level: str = ERROR

    def as_list(self) -> list:
        return [self.row, self.field, self.reason, self.level]


@dataclass
class ImportResult:
    kind: str
    mode: str
    file_name: str
    sha256: str
    headers: list[str] = field(default_factory=list)
    total: int = 0  # non-blank data rows
    created: int = 0
    skipped_existing: int = 0  # already registered (same or different data): never overwritten
    failed: int = 0  # rows with at least one error
    warned: int = 0  # skipped rows whose data differs from the registered record
    not_imported: int = 0  # good rows held back because all_or_nothing found bad rows
    rejected: bool = False  # all_or_nothing and some row was bad: nothing stored
    errors: list[RowError] = field(default_factory=list)
    errors_truncated: bool = False
    bad_rows: dict[int, list[str]] = field(default_factory=dict)  # original values of the rows in ``errors``

    def counts(self) -> dict[str, int | bool]:
        return {
            "total": self.total,
            "created": self.created,
            "skipped_existing": self.skipped_existing,
            "failed": self.failed,
            "warned": self.warned,
            "not_imported": self.not_imported,
            "rejected": self.rejected,
        }


Progress = Callable[[int, int | None], None]


# --- the engine -----------------------------------------------------------------------------


def registry_import_file(
    *, actor, kind: str, path, mode: str, job: ImportJob | None = None, progress: Progress | None = None
) -> ImportResult:
    """Import people (``kind="person"``) or employers (``"employer"``) from an .xlsx or .csv file.

    ``mode`` is ``"all_or_nothing"`` or ``"good_only"`` (see the module docstring). ``progress`` is
    called as ``progress(rows_done, rows_estimated_or_None)`` after each chunk. Raises
    ``PermissionDenied`` without ``registry.import_registry``, ``ImportFileError`` (a
    ``ValidationError`` with a Chinese message) when the file as a whole is refused. A staff member
    may only import records of their own region; ``actor=None`` is a system job (any region).
    ``settings.IMPORT_MAX_BYTES`` and ``IMPORT_MAX_ROWS`` apply here as well as at the upload.
    """
    if actor is not None and not actor.has_perm("registry.import_registry"):
        raise PermissionDenied(_("您没有批量导入的权限"))
    if kind not in FILE_COLUMNS:
        raise ValueError(f"unknown import kind {kind!r}")
    if mode not in (MODE_ALL_OR_NOTHING, MODE_GOOD_ONLY):
        raise ValueError(f"unknown import mode {mode!r}")
    path = Path(path)
    file_name = job.original_name if job is not None else path.name
    sha256 = ""
    source = None
    try:
        source = _open_source(path)
        sha256 = source.sha256
        importer = (_PersonImporter if kind == KIND_PERSON else _EmployerImporter)(
            actor=actor, mode=mode, source=source, progress=progress
        )
        importer.result.file_name = file_name
        with transaction.atomic():
            try:
                result = importer.run()
            except IntegrityError:
                # Someone registered one of these numbers while we imported: the COPY hit the unique index.
                raise ImportFileError(
                    _("导入期间有其他人登记了文件中的身份证号码或统一社会信用代码，本次未写入任何数据，请重新导入")
                ) from None
            if result.rejected:
                transaction.set_rollback(True)
            else:
                _audit(actor, kind, mode, file_name, sha256, job, result.counts())
    except ImportFileError as exc:
        with transaction.atomic():
            _audit(actor, kind, mode, file_name, sha256, job, {"refused": "；".join(exc.messages)})
        raise
    finally:
        if source is not None:
            source.rows.close()  # closes the file (or workbook) when the run stopped early
    if result.rejected:
        with transaction.atomic():
            _audit(actor, kind, mode, file_name, sha256, job, result.counts())
    return result


def _audit(actor, kind: str, mode: str, file_name: str, sha256: str, job, counts: dict) -> None:
    audit_record(
        actor=actor,
        action=AuditAction.IMPORT,
        object_type=f"registry.{kind}",
        object_id=str(job.pk) if job is not None else "",
        object_repr=_("批量导入%(kind)s：%(file)s") % {"kind": KIND_LABELS[kind], "file": file_name},
        changes={"file": file_name, "sha256": sha256, "mode": mode, "job": job.pk if job else None, **counts},
    )


# --- reading files --------------------------------------------------------------------------


@dataclass
class _Source:
    """An opened import file: its header, an estimate of its data rows, and a stream of data rows."""

    sha256: str
    headers: list[str]
    estimated_rows: int | None
    rows: Generator[tuple[int, list[str]], None, None]  # (row number as in the file, cell texts)
    # CSV: a row with more cells than the header has shifted (an unquoted comma), even if the extra
    # cells are empty. Excel rows may run past the header with empty formatted cells: only content counts.
    strict_width: bool = False


def _open_source(path: Path) -> _Source:
    max_bytes = settings.IMPORT_MAX_BYTES
    try:
        size = path.stat().st_size
    except OSError:
        raise ImportFileError(_("找不到上传的文件，请重新上传")) from None
    if size == 0:
        raise ImportFileError(_("文件是空的"))
    if size > max_bytes:
        raise ImportFileError(
            _("文件大小 %(size).1f MB 超过上限 %(max)d MB，请拆分后分批导入")
            % {"size": size / 1048576, "max": max_bytes // 1048576}
        )
    with path.open("rb") as fh:
        head = fh.read(4096)
    suffix = path.suffix.lower()
    if head.startswith(b"PK\x03\x04"):
        return _open_xlsx(path)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportFileError(_("不支持旧版 Excel（.xls）文件，请在 Excel 中另存为 .xlsx 或 CSV 后再导入"))
    if suffix in (".xlsx", ".xlsm"):
        raise ImportFileError(_("文件已损坏或不是有效的 Excel（.xlsx）文件"))
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ImportFileError(_("不支持 UTF-16 编码的文本文件，请在 Excel 中另存为“CSV UTF-8（逗号分隔）”"))
    if b"\x00" in head or suffix not in ("", ".csv", ".txt"):
        raise ImportFileError(_("只能导入 Excel（.xlsx）或 CSV 文件"))
    return _open_csv(path)


def _hash_file(path: Path, *, count_lines: bool = False) -> tuple[str, int, bool]:
    """sha256, number of lines, and whether the whole file is valid UTF-8: one pass over the bytes."""
    digest = hashlib.sha256()
    decoder = codecs.getincrementaldecoder("utf-8")() if count_lines else None
    utf8 = count_lines
    lines = 0
    last = b""
    with path.open("rb") as fh:
        while block := fh.read(1 << 20):
            digest.update(block)
            if count_lines:
                lines += block.count(b"\n")
                last = block[-1:]
                if utf8:
                    try:
                        decoder.decode(block)
                    except UnicodeDecodeError:
                        utf8 = False
    if count_lines and utf8:
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            utf8 = False
    if count_lines and last and last != b"\n":
        lines += 1
    return digest.hexdigest(), lines, utf8


def _open_csv(path: Path) -> _Source:
    sha256, lines, utf8 = _hash_file(path, count_lines=True)
    encoding = "utf-8-sig" if utf8 else "gb18030"
    try:
        with path.open(encoding=encoding, newline="") as fh:
            first_line = fh.readline()
    except UnicodeDecodeError:
        raise ImportFileError(_("无法识别文件编码，请在 Excel 中另存为“CSV UTF-8（逗号分隔）”")) from None
    delimiter = "\t" if "\t" in first_line and "," not in first_line else ","
    rows = _csv_rows(path, encoding, delimiter)
    try:
        _number, header = next(rows)
    except StopIteration:
        raise ImportFileError(_("文件是空的")) from None
    return _Source(sha256=sha256, headers=header, estimated_rows=max(lines - 1, 0), rows=rows, strict_width=True)


def _csv_rows(path: Path, encoding: str, delimiter: str) -> Generator[tuple[int, list[str]], None, None]:
    number = 0
    with path.open(encoding=encoding, newline="") as fh:
        reader = csv.reader(fh, delimiter=delimiter)
        try:
            for number, row in enumerate(reader, start=1):
                yield number, row
        except UnicodeDecodeError:
            raise ImportFileError(
                _("第 %(row)d 行附近的内容无法按 %(enc)s 编码读取，请在 Excel 中另存为“CSV UTF-8（逗号分隔）”")
                % {"row": number + 1, "enc": "UTF-8" if encoding.startswith("utf") else "GB18030"}
            ) from None
        except csv.Error as exc:
            raise ImportFileError(
                _("CSV 文件格式错误（第 %(row)d 行附近）：%(reason)s") % {"row": number + 1, "reason": exc}
            ) from None


# What openpyxl raises on a damaged or hostile workbook; turned into one clear message.
_XLSX_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    KeyError,
    ValueError,
    TypeError,
    IndexError,
    AttributeError,
    EOFError,
    OSError,
    ParseError,
    SyntaxError,
)


def _open_xlsx(path: Path) -> _Source:
    from openpyxl import load_workbook

    sha256, _lines, _utf8 = _hash_file(path)
    corrupt = _("文件已损坏或不是有效的 Excel（.xlsx）文件")
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise ImportFileError(corrupt) from None
    if unpacked > settings.IMPORT_MAX_BYTES * XLSX_MAX_UNPACKED_RATIO:
        raise ImportFileError(_("Excel 文件解压后过大，请拆分后分批导入"))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            workbook = load_workbook(path, read_only=True, data_only=True)
        if not workbook.worksheets:
            raise ImportFileError(_("Excel 文件中没有工作表"))
        sheet = workbook.worksheets[0]
        estimated = sheet.max_row - 1 if isinstance(sheet.max_row, int) and sheet.max_row > 1 else None
    except _XLSX_ERRORS:
        raise ImportFileError(corrupt) from None
    rows = _xlsx_rows(workbook, sheet, corrupt)
    try:
        _number, header = next(rows)
    except StopIteration:
        raise ImportFileError(_("文件是空的")) from None
    return _Source(sha256=sha256, headers=header, estimated_rows=estimated, rows=rows)


def _xlsx_rows(workbook, sheet, corrupt: str) -> Generator[tuple[int, list[str]], None, None]:
    number = 0
    try:
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield number, [_cell_text(v) for v in values]
    except _XLSX_ERRORS:
        raise ImportFileError(_("%(msg)s（第 %(row)d 行附近）") % {"msg": corrupt, "row": number + 1}) from None
    finally:
        workbook.close()


def _cell_text(value) -> str:
    """An Excel cell as the text a user typed: 440902001 not 440902001.0, dates as YYYY-MM-DD."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return f"{value:.15G}"  # what Excel shows: a long number already lost its last digits
    if isinstance(value, datetime):
        if (value.hour, value.minute, value.second) == (0, 0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    return str(value)  # date → 2024-05-01, time → 08:30:00


def _normalize_header(text: str) -> str:
    value = (text or "").replace("\ufeff", "").replace("\u3000", " ").strip().rstrip("*＊").strip()
    return HEADER_ALIASES.get(value, value)


# --- reference data, loaded once per import -------------------------------------------------


@dataclass(frozen=True, slots=True)
class _RegionInfo:
    name: str
    level: int
    closed: bool


def _regions() -> dict[str, _RegionInfo]:
    today = timezone.localdate()
    return {
        code: _RegionInfo(name, level, valid_to is not None and valid_to <= today)
        for code, name, level, valid_to in Region.objects.values_list("code", "name", "level", "valid_to")
    }


def _region_code(text: str) -> str:
    """``440902001``; also accepts the 12-digit statistical form ``440902001000``."""
    code = text.strip()
    if code.endswith(".0"):
        code = code[:-2]
    if len(code) == 12 and code.isdigit():
        code = code[:9] if code[9:] == "000" else code
        code = code[:6] if code[6:] == "000" else code
    return code


def _choice_map(choices) -> dict[str, str]:
    mapping = {}
    for value, label in choices:
        mapping[str(value)] = value
        mapping[str(label)] = value
    return mapping


# --- the importers --------------------------------------------------------------------------


class _Importer:
    """Shared by both kinds: header check, chunking, counting, errors, inserting, progress."""

    kind: str
    columns: tuple[Column, ...]
    key_label: str  # the column whose value identifies a record

    def __init__(self, *, actor, mode: str, source: _Source, progress: Progress | None):
        self.actor = actor
        self.mode = mode
        self.source = source
        self.progress = progress
        self.result = ImportResult(kind=self.kind, mode=mode, file_name="", sha256=source.sha256)
        self.today = timezone.localdate()
        self.now = timezone.now()
        self.max_rows = settings.IMPORT_MAX_ROWS
        # A system job (actor None) or non-staff holder of the permission is not tied to a region.
        self.prefix = region_prefix(actor) if actor is not None and actor.is_bureau_staff else None
        self.staff_without_region = actor is not None and actor.is_bureau_staff and self.prefix is None
        self.regions = _regions()
        self.seen: dict[str, int] = {}  # key → first row number in the file
        self.region_memo: dict[str, dict[str, tuple]] = {}
        self._map_columns()

    # --- header -----------------------------------------------------------------------------

    def _map_columns(self) -> None:
        headers = [_normalize_header(str(h)) for h in self.source.headers]
        while headers and not headers[-1]:
            headers.pop()
        if not any(headers):
            raise ImportFileError(_("第1行应为表头（列名），但它是空的"))
        known = {c.label: c for c in self.columns}
        positions: dict[str, int] = {}
        unknown, doubled = [], []
        for i, header in enumerate(headers):
            if not header or header in IGNORED_HEADERS:
                continue
            if header not in known:
                unknown.append(header)
            elif known[header].key in positions:
                doubled.append(header)
            else:
                positions[known[header].key] = i
        missing = [c.label for c in self.columns if c.required and c.key not in positions]
        problems = []
        if missing:
            problems.append(_("缺少必填列：%(cols)s") % {"cols": "、".join(missing)})
        if unknown:
            problems.append(_("无法识别的列：%(cols)s") % {"cols": "、".join(unknown)})
        if doubled:
            problems.append(_("重复的列：%(cols)s") % {"cols": "、".join(doubled)})
        if problems:
            other = KIND_EMPLOYER if self.kind == KIND_PERSON else KIND_PERSON
            other_labels = {c.label for c in FILE_COLUMNS[other] if c.required}
            hint = ""
            if other_labels <= set(headers):
                hint = _("（这像是%(other)s的导入文件，请检查“导入内容”的选择）") % {"other": KIND_LABELS[other]}
            elif not positions:
                hint = _(
                    "（一个列名都没有识别出：请确认第1行是表头；若列名显示为乱码，请在 Excel 中另存为“CSV UTF-8”）"
                )
            raise ImportFileError(
                _("表头与%(kind)s导入模板不符：%(problems)s。模板的列为：%(cols)s%(hint)s")
                % {
                    "kind": KIND_LABELS[self.kind],
                    "problems": "；".join(problems),
                    "cols": "、".join(c.label for c in self.columns),
                    "hint": hint,
                }
            )
        self.width = len(headers)  # up to the last named column
        self.raw_width = len(self.source.headers)
        self.result.headers = [str(h).strip() for h in self.source.headers[: self.width]]
        # An absent optional column reads from one extra cell that is always empty.
        self.ix = {c.key: positions.get(c.key, self.width) for c in self.columns}
        self.present = {c.key for c in self.columns if c.key in positions}
        self.labels = {c.key: c.label for c in self.columns}

    # --- the loop ---------------------------------------------------------------------------

    def run(self) -> ImportResult:
        result = self.result
        chunk: list[tuple[int, list[str], bool]] = []
        width = self.width
        shifted = self.raw_width if self.source.strict_width else None
        for number, cells in self.source.rows:
            if not "".join(cells).strip():
                continue
            result.total += 1
            if result.total > self.max_rows:
                raise ImportFileError(_("数据行数超过上限 %(max)d 行，请拆分后分批导入") % {"max": self.max_rows})
            # Every row becomes exactly the header's cells plus one empty cell, which absent optional
            # columns read from.
            size = len(cells)
            overflow = False
            if size == width:
                cells.append("")
            elif size < width:
                cells.extend([""] * (width + 1 - size))
            else:
                overflow = (shifted is not None and size > shifted) or any(c.strip() for c in cells[width:])
                cells = [*cells[:width], ""]
            chunk.append((number, cells, overflow))
            if len(chunk) >= CHUNK_ROWS:
                self._process(chunk)
                chunk = []
                self._report_progress()
        if chunk:
            self._process(chunk)
        if result.total == 0:
            raise ImportFileError(_("文件只有表头，没有数据行"))
        if self.mode == MODE_ALL_OR_NOTHING and result.failed:
            result.rejected = True
            result.not_imported = result.created
            result.created = 0
        self._report_progress(final=True)
        return result

    def _report_progress(self, final: bool = False) -> None:
        if self.progress is None:
            return
        total = self.result.total if final else self.source.estimated_rows
        if total is not None:
            total = max(total, self.result.total)
        self.progress(self.result.total, total)

    def _process(self, chunk: list[tuple[int, list[str], bool]]) -> None:
        good = []  # (number, cells, key, record, extra)
        for number, cells, overflow in chunk:
            errors: list[tuple[str, str]] = []
            if overflow:
                # Typically an unquoted comma inside an address: every value after it moved one column.
                errors.append(("", _("本行的内容比表头多出若干列，可能是某个值中有未加引号的逗号")))
            key, record, extra = self.validate(cells, errors)
            if key:
                first = self.seen.get(key)
                if first is None:
                    self.seen[key] = number
                else:
                    errors.append((self.key_label, _("与第 %(row)d 行重复") % {"row": first}))
            if errors:
                self._fail(number, cells, errors)
            else:
                good.append((number, cells, key, record, extra))
        if not good:
            return
        existing = self.existing([g[2] for g in good])
        new = []
        for number, cells, key, record, extra in good:
            found = existing.get(key)
            if found is None:
                new.append((key, record, extra))
                continue
            self.result.skipped_existing += 1
            differs = self.differences(record, extra, found)
            if differs is not None:
                self.result.warned += 1
                reason = _("已存在且信息不同，未覆盖")
                if differs:
                    reason += _("（不同：%(fields)s）") % {"fields": "、".join(differs)}
                self._note(number, cells, [(self.key_label, reason)], WARNING)
        if not new:
            return
        if self.mode == MODE_ALL_OR_NOTHING and self.result.failed:
            self.result.created += len(new)  # counted as "would be created"; stored nowhere
            return
        self.insert(new)
        self.result.created += len(new)

    def _fail(self, number: int, cells: list[str], errors: list[tuple[str, str]]) -> None:
        self.result.failed += 1
        self._note(number, cells, errors, ERROR)

    def _note(self, number: int, cells: list[str], errors: list[tuple[str, str]], level: str) -> None:
        result = self.result
        if len(result.errors) >= ERROR_CAP:
            result.errors_truncated = True
            return
        for label, reason in errors:
            result.errors.append(RowError(number, label, reason, level))
        result.bad_rows[number] = cells[: self.width]

    def lookup(self, model, key: str, fields: Sequence[str], keys: Sequence) -> Iterator[tuple]:
        """Rows of ``model`` whose ``key`` is in ``keys``, as tuples of ``fields`` (foreign keys as ids).

        On PostgreSQL one array parameter (``= ANY(%s)``): a 5000-placeholder ``IN`` list costs
        three times as much to build, send and plan. Elsewhere the ORM, in SQLite-sized pieces.
        """
        if connection.vendor == "postgresql":
            qn = connection.ops.quote_name
            meta = model._meta
            columns = ", ".join(qn(meta.get_field(f).column) for f in fields)
            sql = f"SELECT {columns} FROM {qn(meta.db_table)} WHERE {qn(meta.get_field(key).column)} = ANY(%s)"
            with connection.cursor() as cursor:
                for start in range(0, len(keys), CHUNK_ROWS):
                    cursor.execute(sql, [list(keys[start : start + CHUNK_ROWS])])
                    yield from cursor.fetchall()
            return
        for start in range(0, len(keys), SQLITE_LOOKUP):
            yield from model.objects.filter(**{f"{key}__in": keys[start : start + SQLITE_LOOKUP]}).values_list(*fields)

    # --- shared field checks ----------------------------------------------------------------

    def region(self, text: str, key: str, errors: list, *, required: bool, scoped: bool) -> str | None:
        """A region code column: exists, county level or below, in use, and (``scoped``) the actor's.

        A file has a few hundred distinct codes at most, so each cell text is checked once per column.
        """
        memo = self.region_memo.setdefault(key, {})
        found = memo.get(text)
        if found is None:
            found = self._check_region(text, key, required=required, scoped=scoped)
            if len(memo) < 10_000:  # a file of garbage must not grow it without bound
                memo[text] = found
        code, error = found
        if error is not None:
            errors.append(error)
        return code

    def _check_region(
        self, text: str, key: str, *, required: bool, scoped: bool
    ) -> tuple[str | None, tuple[str, str] | None]:
        code = _region_code(text)
        label = self.labels[key]
        if not code:
            return None, ((label, _("不能为空")) if required else None)
        info = self.regions.get(code)
        if info is None:
            return None, (label, _("区划代码 %(code)s 不存在") % {"code": code})
        if info.level < RegionLevel.COUNTY:
            reason = _("请填写区县或镇街一级的区划代码（%(code)s 是%(name)s）") % {"code": code, "name": info.name}
            return None, (label, reason)
        if info.closed:
            return None, (label, _("区划代码 %(code)s（%(name)s）已停用") % {"code": code, "name": info.name})
        if scoped and (self.staff_without_region or (self.prefix is not None and not code.startswith(self.prefix))):
            return None, (label, _("%(region)s 不在您的管辖范围内") % {"region": info.name})
        return code, None

    def text(self, value: str, key: str, errors: list, max_length: int, *, required: bool = False) -> str:
        value = value.strip()
        if not value:
            if required:
                errors.append((self.labels[key], _("不能为空")))
        elif len(value) > max_length:
            errors.append((self.labels[key], _("过长（最多%(n)d个字）") % {"n": max_length}))
        return value

    def phone(self, value: str, key: str, errors: list) -> str:
        value = value.strip()
        if not value:
            return ""
        try:
            return normalize_phone(value)
        except ValidationError as exc:
            errors.append((self.labels[key], exc.messages[0]))
            return ""

    # --- per kind ---------------------------------------------------------------------------

    def validate(self, cells: list[str], errors: list) -> tuple[str | None, tuple, object]:
        raise NotImplementedError

    def existing(self, keys: list[str]) -> dict[str, tuple]:
        raise NotImplementedError

    def differences(self, record: tuple, extra, found: tuple) -> list[str] | None:
        raise NotImplementedError

    def insert(self, new: list[tuple[str, tuple, object]]) -> None:
        raise NotImplementedError

    def compared(self, pairs: Sequence[tuple[str, int, int]], record: tuple, found: tuple) -> list[str]:
        """Labels of the present columns whose value differs between the file and the registry."""
        return [self.labels[key] for key, ri, fi in pairs if key in self.present and record[ri] != found[fi]]

    def visible(self, region_code: str | None) -> bool:
        return self.prefix is None or bool(region_code and region_code.startswith(self.prefix))


class _PersonImporter(_Importer):
    kind = KIND_PERSON
    columns = PERSON_FILE_COLUMNS
    key_label = "身份证号码"
    # (column key, index in the insert record, index in the ``existing`` row)
    _FIELDS = (
        "id_number",
        "name",
        "phone",
        "household_region",
        "household_address",
        "residence_region",
        "address",
        "education",
        "id",
    )
    _COMPARED = (
        ("name", 0, 1),
        ("phone", 5, 2),
        ("household_region", 6, 3),
        ("household_address", 7, 4),
        ("residence_region", 8, 5),
        ("address", 9, 6),
        ("education", 10, 7),
    )

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.education = _choice_map(EducationLevel.objects.values_list("code", "name"))
        self.tag_codes = _choice_map(PersonTag.objects.values_list("code", "name"))
        # The importer looks across regions on purpose: a number is registered once in the whole city.
        self.person_model = dangerously_all_persons().model
        self.tag_through = self.person_model.tags.through

    def validate(self, cells, errors):
        ix = self.ix
        name = self.text(cells[ix["name"]], "name", errors, 40, required=True)
        raw_id = cells[ix["id_number"]].strip()
        number = parsed = None
        if not raw_id:
            errors.append(("身份证号码", _("不能为空")))
        else:
            try:
                parsed = parse_resident_id(raw_id, today=self.today)
                number = parsed.number
            except ValidationError as exc:
                errors.append(("身份证号码", _id_message(raw_id, exc)))
        phone = self.phone(cells[ix["phone"]], "phone", errors)
        residence = self.region(cells[ix["residence_region"]], "residence_region", errors, required=True, scoped=True)
        address = self.text(cells[ix["address"]], "address", errors, 120)
        household = self.region(cells[ix["household_region"]], "household_region", errors, required=False, scoped=False)
        household_address = self.text(cells[ix["household_address"]], "household_address", errors, 120)
        education = None
        value = cells[ix["education"]].strip()
        if value:
            education = self.education.get(value)
            if education is None:
                errors.append(
                    (
                        "学历",
                        _("学历 %(v)s 不存在，可填：%(names)s") % {"v": value, "names": self._names(self.education)},
                    )
                )
        tags: tuple[str, ...] = ()
        value = cells[ix["tags"]].strip()
        if value:
            wanted = [t for t in _TAG_SPLIT.split(value) if t]
            unknown = [t for t in wanted if t not in self.tag_codes]
            if unknown:
                errors.append(
                    (
                        "人员类别",
                        _("人员类别不存在：%(v)s，可填：%(names)s")
                        % {"v": "、".join(unknown), "names": self._names(self.tag_codes)},
                    )
                )
            tags = tuple(sorted({self.tag_codes[t] for t in wanted if t in self.tag_codes}))
        if errors:
            return number, (), ()
        record = (
            name,
            "",  # name_initials, computed only for rows that are inserted
            number,
            parsed.birth_date,
            parsed.gender,
            phone,
            household,
            household_address,
            residence,
            address,
            education,
            self.now,
            self.now,
        )
        return number, record, tags

    @staticmethod
    def _names(mapping: dict[str, str]) -> str:
        by_code: dict[str, str] = {}
        for text, code in mapping.items():
            if text != code:
                by_code[code] = text
        return "、".join(by_code.values())

    def existing(self, keys):
        fields = self._FIELDS
        found = {row[0]: row for row in self.lookup(self.person_model, "id_number", fields, keys)}
        if found and "tags" in self.present:
            tags: dict[int, list[str]] = {}
            ids = [row[8] for row in found.values()]
            for person_id, code in self.lookup(self.tag_through, "person", ("person", "persontag"), ids):
                tags.setdefault(person_id, []).append(code)
            found = {k: (*row, tuple(sorted(tags.get(row[8], ())))) for k, row in found.items()}
        return found

    def differences(self, record, extra, found):
        differs = self.compared(self._COMPARED, record, found)
        if "tags" in self.present and tuple(extra) != found[9]:
            differs.append(self.labels["tags"])
        if not differs:
            return None
        return differs if self.visible(found[5]) else []

    def insert(self, new):
        bulk.persons_insert((r[0], name_initials(r[0]), *r[2:]) for _key, r, _tags in new)
        tagged = {key: tags for key, _r, tags in new if tags}
        if not tagged:
            return
        ids = dict(self.lookup(self.person_model, "id_number", ("id_number", "id"), list(tagged)))
        bulk.insert_rows(
            self.tag_through,
            ("person_id", "persontag_id"),
            ((ids[key], code) for key, tags in tagged.items() for code in tags),
        )


class _EmployerImporter(_Importer):
    kind = KIND_EMPLOYER
    columns = EMPLOYER_FILE_COLUMNS
    key_label = "统一社会信用代码"
    _FIELDS = (
        "credit_code",
        "name",
        "industry",
        "region",
        "size",
        "ownership",
        "address",
        "legal_representative",
        "contact_phone",
    )
    _COMPARED = (
        ("name", 1, 1),
        ("industry", 2, 2),
        ("region", 3, 3),
        ("size", 4, 4),
        ("ownership", 5, 5),
        ("address", 6, 6),
        ("legal_representative", 7, 7),
        ("contact_phone", 8, 8),
    )

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        industries = list(Industry.objects.values_list("code", "name"))
        self.industry = _choice_map(industries)
        self.industry.update({f"{code} {name}": code for code, name in industries})
        self.industry.update({code.lower(): code for code, _name in industries})
        self.size = _choice_map(EmployerSize.choices)
        self.ownership = _choice_map(Ownership.choices)

    def validate(self, cells, errors):
        ix = self.ix
        raw = cells[ix["credit_code"]].strip()
        code = None
        if not raw:
            errors.append(("统一社会信用代码", _("不能为空")))
        else:
            try:
                code = validate_uscc(raw)
            except ValidationError as exc:
                errors.append(("统一社会信用代码", _number_message(raw, exc.messages[0])))
        name = self.text(cells[ix["name"]], "name", errors, 100, required=True)
        industry = self._pick(cells[ix["industry"]], "industry", self.industry, errors)
        region = self.region(cells[ix["region"]], "region", errors, required=True, scoped=True)
        size = self._pick(cells[ix["size"]], "size", self.size, errors)
        ownership = self._pick(cells[ix["ownership"]], "ownership", self.ownership, errors)
        address = self.text(cells[ix["address"]], "address", errors, 120)
        legal = self.text(cells[ix["legal_representative"]], "legal_representative", errors, 40)
        phone = self.phone(cells[ix["contact_phone"]], "contact_phone", errors)
        if errors:
            return code, (), None
        return code, (code, name, industry, region, size, ownership, address, legal, phone, self.now, self.now), None

    def _pick(self, value: str, key: str, mapping: dict[str, str], errors: list) -> str | None:
        value = value.strip()
        label = self.labels[key]
        if not value:
            errors.append((label, _("不能为空")))
            return None
        picked = mapping.get(value)
        if picked is None:
            errors.append((label, _("取值 %(v)s 无效，可填：%(names)s") % {"v": value, "names": self._names(key)}))
        return picked

    def _names(self, key: str) -> str:
        if key == "industry":
            return "A–T " + _("或门类名称")
        choices = EmployerSize.choices if key == "size" else Ownership.choices
        return "、".join(str(label) for _value, label in choices)

    def existing(self, keys):
        return {row[0]: row for row in self.lookup(Employer, "credit_code", self._FIELDS, keys)}

    def differences(self, record, extra, found):
        differs = self.compared(self._COMPARED, record, found)
        if not differs:
            return None
        return differs if self.visible(found[3]) else []

    def insert(self, new):
        bulk.employers_insert(record for _key, record, _extra in new)


def _number_message(raw: str, message: str) -> str:
    """Excel turns long numbers into 4.40902E+17 and loses their last digits: say so."""
    if re.fullmatch(r"\d(\.\d+)?E\+\d+", raw.strip().upper()):
        return _("已被 Excel 存成科学计数法（%(v)s），后几位已丢失：请把该列设为文本格式后重新填写") % {"v": raw}
    return message


def _id_message(raw: str, exc: ValidationError) -> str:
    return _number_message(raw, exc.messages[0])


# --- jobs: the record of an upload, for the pages and the task ------------------------------


def import_root() -> Path:
    return Path(settings.MEDIA_ROOT) / "imports"


ALLOWED_SUFFIXES = (".xlsx", ".csv")


def import_job_create(*, actor, kind: str, mode: str, upload) -> ImportJob:
    """Keep an uploaded file under ``MEDIA_ROOT/imports`` (random name) and create its pending job.

    The import itself runs in ``import_job_run`` (the Celery task ``registry.import_job_run``).
    """
    if not actor.has_perm("registry.import_registry"):
        raise PermissionDenied(_("您没有批量导入的权限"))
    if kind not in FILE_COLUMNS or mode not in (MODE_ALL_OR_NOTHING, MODE_GOOD_ONLY):
        raise ValidationError(_("请选择导入内容和导入方式"))
    original = Path(upload.name or "").name[:200]
    suffix = Path(original).suffix.lower()
    if suffix not in ALLOWED_SUFFIXES:
        raise ValidationError({"file": _("只能导入 Excel（.xlsx）或 CSV 文件")})
    if upload.size == 0:
        raise ValidationError({"file": _("文件是空的")})
    if upload.size > settings.IMPORT_MAX_BYTES:
        raise ValidationError(
            {
                "file": _("文件大小 %(size).1f MB 超过上限 %(max)d MB，请拆分后分批导入")
                % {"size": upload.size / 1048576, "max": settings.IMPORT_MAX_BYTES // 1048576}
            }
        )
    relative = Path("imports") / f"{timezone.localdate():%Y%m}" / f"{uuid.uuid4().hex}{suffix}"
    target = Path(settings.MEDIA_ROOT) / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    with target.open("wb") as out:
        for piece in upload.chunks():
            digest.update(piece)
            out.write(piece)
    try:
        with transaction.atomic():
            return ImportJob.objects.create(
                created_by=actor,
                kind=kind,
                mode=mode,
                original_name=original,
                stored_path=str(relative),
                size=upload.size,
                sha256=digest.hexdigest(),
            )
    except BaseException:
        target.unlink(missing_ok=True)
        raise


STALE_AFTER = timedelta(hours=2)  # a job "running" this long lost its worker


def import_job_can_retry(job: ImportJob) -> bool:
    return job.status == ImportJob.Status.FAILED or (
        job.status == ImportJob.Status.RUNNING
        and job.started_at is not None
        and job.started_at < timezone.now() - STALE_AFTER
    )


def import_job_retry(*, actor, job: ImportJob) -> ImportJob:
    """Put a failed job (or one whose worker died) back in the queue. Safe: the import skips what
    is already registered, and a job still running is not touched."""
    if not actor.has_perm("registry.import_registry"):
        raise PermissionDenied(_("您没有批量导入的权限"))
    retryable = Q(status=ImportJob.Status.FAILED) | Q(
        status=ImportJob.Status.RUNNING, started_at__lt=timezone.now() - STALE_AFTER
    )
    updated = (
        ImportJob.objects.filter(pk=job.pk)
        .filter(retryable)
        .update(status=ImportJob.Status.PENDING, message="", started_at=None, finished_at=None)
    )
    if not updated:
        raise ValidationError(_("只有失败或长时间无响应的导入任务可以重新运行"))
    job.refresh_from_db()
    return job


def _progress_key(job_id: int) -> str:
    return f"registry:import-progress:{job_id}"


def import_job_run(*, job_id: int) -> ImportJob | None:
    """Run a pending job once. A job already running, done or failed is left alone (returns None),
    so a task delivered twice does no harm.

    Progress goes to the cache, not the job row: the import is one transaction, so an update of the
    row from inside it would not be seen by the page polling for it until the very end.
    """
    claimed = ImportJob.objects.filter(pk=job_id, status=ImportJob.Status.PENDING).update(
        status=ImportJob.Status.RUNNING, started_at=timezone.now()
    )
    if not claimed:
        return None
    job = ImportJob.objects.select_related("created_by").get(pk=job_id)
    key = _progress_key(job.pk)

    def progress(done: int, total: int | None) -> None:
        cache.set(key, (done, total), 24 * 3600)

    try:
        result = registry_import_file(
            actor=job.created_by,
            kind=job.kind,
            path=Path(settings.MEDIA_ROOT) / job.stored_path,
            mode=job.mode,
            job=job,
            progress=progress,
        )
    except ImportFileError as exc:
        _job_finish(job, message="；".join(exc.messages))
    except PermissionDenied:
        _job_finish(job, message=_("您已没有批量导入的权限，未导入任何数据"))
    except Exception:
        _job_finish(job, message=_("导入时发生系统错误，未写入任何数据，请稍后重试或联系管理员"))
        raise
    else:
        _job_finish(job, result=result)
    finally:
        cache.delete(key)
    return job


def _job_finish(job: ImportJob, *, result: ImportResult | None = None, message: str = "") -> None:
    job.finished_at = timezone.now()
    job.message = message
    if result is None:
        job.status = ImportJob.Status.FAILED
    else:
        job.status = ImportJob.Status.DONE
        job.headers = result.headers
        job.total_rows = job.processed_rows = result.total
        job.created_count = result.created
        job.skipped_count = result.skipped_existing
        job.failed_count = result.failed
        job.warned_count = result.warned
        job.rejected = result.rejected
        job.errors = [e.as_list() for e in result.errors]
        job.error_rows = {str(row): values for row, values in result.bad_rows.items()}
        job.errors_truncated = result.errors_truncated
        if result.rejected:
            job.message = _("有 %(n)d 行错误，按“全部成功才导入”未导入任何数据；请改正后重新导入") % {
                "n": result.failed
            }
    job.save()


def import_job_progress(job: ImportJob) -> tuple[int, int | None]:
    """(rows done, rows expected or None) of a job, live while it runs."""
    if job.status == ImportJob.Status.RUNNING:
        live = cache.get(_progress_key(job.pk))
        if live is not None:
            return live
        return 0, None
    return job.processed_rows, job.total_rows


def import_jobs_visible_to(user) -> QuerySet[ImportJob]:
    """A user's own jobs; an administrator also sees the jobs of the staff of their region."""
    if not getattr(user, "is_authenticated", False):
        return ImportJob.objects.none()
    q = Q(created_by=user)
    if user.role == Role.ADMIN:
        prefix = region_prefix(user)
        if prefix is not None:
            q |= Q(created_by__org_unit__region__code__startswith=prefix)
    return ImportJob.objects.filter(q)


def get_import_job_for_user_or_404(user, pk) -> ImportJob:
    try:
        return import_jobs_visible_to(user).select_related("created_by").get(pk=pk)
    except (ImportJob.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def import_job_same_file(job: ImportJob) -> ImportJob | None:
    """An earlier finished import of the very same file by a job the same user can see."""
    return (
        ImportJob.objects.filter(
            created_by=job.created_by, sha256=job.sha256, kind=job.kind, status=ImportJob.Status.DONE, pk__lt=job.pk
        )
        .only("pk", "created_at")
        .order_by("-pk")
        .first()
    )


# --- files for download ---------------------------------------------------------------------


def import_error_file(job: ImportJob) -> bytes:
    """The rows that failed (or were skipped with a warning), with their original values and a 错误原因 column."""
    reasons: dict[int, list[str]] = {}
    for row, label, reason, level in job.errors:
        prefix = _("提示：") if level == WARNING else ""
        reasons.setdefault(row, []).append(f"{prefix}{label}：{reason}" if label else f"{prefix}{reason}")
    headers = list(job.headers) or [c.label for c in FILE_COLUMNS[job.kind]]
    # An error file uploaded again brings its own 错误原因 column: replace it, don't repeat it.
    keep = [i for i, h in enumerate(headers) if _normalize_header(h) != ERROR_COLUMN]
    rows = []
    for row in sorted(reasons):
        values = list(job.error_rows.get(str(row), []))
        values += [""] * (len(headers) - len(values))
        rows.append([*(values[i] for i in keep), _("第%(row)d行 ") % {"row": row} + "；".join(reasons[row])])
    headers = [headers[i] for i in keep]
    return xlsx_bytes([*headers, ERROR_COLUMN], rows, title=_("错误行"))


def import_template_xlsx(kind: str) -> bytes:
    """An empty template: the header row (text-formatted columns, so Excel keeps 18-digit numbers),
    and a second sheet explaining each column and the allowed values."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    columns = FILE_COLUMNS[kind]
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = str(KIND_LABELS[kind])
    sheet.append([c.label for c in columns])
    for i, column in enumerate(columns, start=1):
        letter = get_column_letter(i)
        sheet[f"{letter}1"].font = Font(bold=True, color="C00000" if column.required else "000000")
        sheet.column_dimensions[letter].width = max(12, len(column.label) * 2 + 4)
        sheet.column_dimensions[letter].number_format = "@"  # text: Excel keeps every digit typed in
    notes = workbook.create_sheet(_("填写说明"))
    notes.append([_("列名"), _("是否必填"), _("说明")])
    for column in columns:
        notes.append([column.label, _("必填") if column.required else _("选填"), column.help])
    notes.append([])
    notes.append([_("第1行为表头，请勿修改；从第2行起每行一条记录。同一文件重复导入不会重复登记。")])
    if kind == KIND_PERSON:
        notes.append([_("学历可填"), "、".join(EducationLevel.objects.values_list("name", flat=True))])
        notes.append([_("人员类别可填"), "、".join(PersonTag.objects.values_list("name", flat=True))])
    else:
        notes.append(
            [_("行业门类可填"), "、".join(f"{c} {n}" for c, n in Industry.objects.values_list("code", "name"))]
        )
    notes.append([])
    notes.append([_("区划代码"), _("名称"), _("上级")])
    for code, name, parent in (
        Region.objects.filter(level__gte=RegionLevel.COUNTY, valid_to__isnull=True)
        .order_by("code")
        .values_list("code", "name", "parent__name")
    ):
        notes.append([code, name, parent or ""])
    for col, width in zip("ABC", (18, 16, 80), strict=True):
        notes.column_dimensions[col].width = width
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def import_template_csv(kind: str) -> bytes:
    """The header line, UTF-8 with a BOM so that Excel opens it with the Chinese intact."""
    return ("\ufeff" + ",".join(c.label for c in FILE_COLUMNS[kind]) + "\r\n").encode("utf-8")
