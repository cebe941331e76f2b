"""Writes of a contractor's project: the project itself, its special account, deposit, real-name
workers and attendance. Every write names its actor, runs in one transaction and is audited."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl.utils.exceptions import InvalidFileException

from renshe.accounts.models import Role
from renshe.audit.models import AuditAction
from renshe.audit.services import audit_record
from renshe.core.identity import normalize_resident_id, parse_resident_id
from renshe.core.models import Region, RegionLevel
from renshe.labour.wages.models import Attendance, Deposit, Project, ProjectWorker, SpecialAccount
from renshe.registry.selectors import dangerously_all_persons

MAX_IMPORT_ROWS = 20000


def require_owner(actor, project: Project) -> None:
    """Only the project's own contractor writes its records (``actor=None``: a system job or a partner)."""
    if actor is None:
        return
    if actor.role != Role.EMPLOYER or actor.employer_id != project.employer_id:
        raise PermissionDenied


def _decimal(value, field: str) -> Decimal:
    try:
        return Decimal(str(value).strip().replace(",", ""))
    except (InvalidOperation, ValueError):
        raise ValidationError({field: _("不是有效的金额")}) from None


def _town(code, field: str = "region") -> Region:
    region = Region.objects.filter(pk=str(code or "").strip(), code__startswith="4409").first()
    if region is None or region.level < RegionLevel.TOWN:
        raise ValidationError({field: _("请选择项目所在的镇（街道）")})
    return region


PROJECT_FIELDS = (
    "name",
    "address",
    "approval_number",
    "funding_source",
    "funds_in_place",
    "permit_number",
    "contract_sum",
    "contract_signed_on",
    "start_on",
    "end_on",
    "pay_day",
    "transfer_cycle_days",
    "labour_share",
    "notice_board",
)


def project_validate(data: dict) -> dict:
    """Check a project's fields; raise one ``ValidationError`` naming every bad field."""
    errors: dict[str, str] = {}
    clean = dict(data)
    if not str(data.get("name") or "").strip():
        errors["name"] = _("请填写项目名称")
    try:
        clean["contract_sum"] = _decimal(data.get("contract_sum"), "contract_sum")
        if clean["contract_sum"] <= 0:
            errors["contract_sum"] = _("合同价款必须大于0")
    except ValidationError:
        errors["contract_sum"] = _("不是有效的金额")
    for name in ("contract_signed_on", "start_on", "end_on"):
        if not isinstance(data.get(name), date):
            errors[name] = _("请填写日期")
    start, end = data.get("start_on"), data.get("end_on")
    if isinstance(start, date) and isinstance(end, date) and end < start:
        errors["end_on"] = _("计划竣工日期不能早于开工日期")
    pay = data.get("pay_day")
    if not isinstance(pay, int) or not 1 <= pay <= 31:
        errors["pay_day"] = _("发薪日应为每月1–31日")
    cycle = data.get("transfer_cycle_days") or 30
    if not isinstance(cycle, int) or not 1 <= cycle <= 31:
        errors["transfer_cycle_days"] = _("人工费用拨付周期不得超过1个月（31天）")
    clean["transfer_cycle_days"] = cycle
    share = data.get("labour_share")
    share = Decimal(20) if share in (None, "") else share
    try:
        clean["labour_share"] = _decimal(share, "labour_share")
        if not 0 < clean["labour_share"] <= 100:
            errors["labour_share"] = _("人工费比例应在0–100%之间")
    except ValidationError:
        errors["labour_share"] = _("不是有效的比例")
    if errors:
        raise ValidationError(errors)
    return clean


@transaction.atomic
def project_register(*, actor, employer, region: str, code: str | None = None, **fields) -> Project:
    """A contractor registers a construction project (or a partner pushes one, ``actor=None``)."""
    if actor is not None and (actor.role != Role.EMPLOYER or actor.employer_id != employer.pk):
        raise PermissionDenied
    town = _town(region)
    clean = project_validate(fields)
    project = Project(
        employer=employer,
        region=town,
        code=(code or None),
        created_by=actor,
        **{k: clean[k] for k in PROJECT_FIELDS if k in clean},
    )
    project.full_clean()
    project.save()
    audit_record(actor=actor, action=AuditAction.CREATE, obj=project)
    return project


@transaction.atomic
def project_update(*, actor, project: Project, region: str | None = None, **fields) -> Project:
    require_owner(actor, project)
    project = Project.objects.select_for_update().get(pk=project.pk)
    current = {k: getattr(project, k) for k in PROJECT_FIELDS}
    clean = project_validate({**current, **fields})
    for key in PROJECT_FIELDS:
        setattr(project, key, clean[key])
    if region:
        project.region = _town(region)
    project.full_clean()
    project.save()
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=project, changes={"fields": sorted(fields)})
    return project


@transaction.atomic
def project_flag_risk(*, actor, project: Project, flag: bool, note: str = "") -> Project:
    """Staff mark (or clear) an external risk on a project (W9)."""
    if actor is None or not actor.has_perm("wages.handle_wage_warning"):
        raise PermissionDenied
    if flag and not note.strip():
        raise ValidationError({"risk_note": _("请填写风险说明")})
    Project.objects.filter(pk=project.pk).update(risk_flag=flag, risk_note=note.strip()[:200] if flag else "")
    project.refresh_from_db()
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=project, changes={"risk_flag": [None, flag]})
    return project


@transaction.atomic
def account_open(*, actor, project: Project, bank: str, number: str, opened_on: date) -> SpecialAccount:
    """农民工工资专用账户 (Art. 26)."""
    require_owner(actor, project)
    number = "".join(str(number).split())
    errors = {}
    if not bank.strip():
        errors["bank"] = _("请填写开户银行")
    if not number.isdigit() or not 8 <= len(number) <= 32:
        errors["number"] = _("账号应为8–32位数字")
    if opened_on < project.contract_signed_on.replace(year=project.contract_signed_on.year - 1):
        errors["opened_on"] = _("开户日期不合理")
    if hasattr(project, "account"):
        errors["number"] = _("该项目已开设工资专用账户")
    if errors:
        raise ValidationError(errors)
    if SpecialAccount.objects.filter(number=number).exists():
        raise ValidationError({"number": _("该账号已登记为其他项目的专用账户")})
    account = SpecialAccount.objects.create(project=project, bank=bank.strip(), number=number, opened_on=opened_on)
    audit_record(actor=actor, action=AuditAction.CREATE, obj=account)
    return account


@transaction.atomic
def deposit_lodge(
    *,
    actor,
    project: Project,
    kind: str,
    amount,
    lodged_on: date,
    letter_number: str = "",
    expires_on: date | None = None,
) -> Deposit:
    """工资保证金 (Art. 32): cash, or a bank guarantee letter with its number and expiry. Replaces the last."""
    require_owner(actor, project)
    errors = {}
    amount = _decimal(amount, "amount")
    if amount <= 0:
        errors["amount"] = _("金额必须大于0")
    if kind not in Deposit.Kind.values:
        errors["kind"] = _("请选择保证金形式")
    if kind == Deposit.Kind.GUARANTEE:
        if not letter_number.strip():
            errors["letter_number"] = _("请填写保函编号")
        if expires_on is None:
            errors["expires_on"] = _("请填写保函有效期")
        elif expires_on < lodged_on:
            errors["expires_on"] = _("保函有效期不能早于存储日期")
    if errors:
        raise ValidationError(errors)
    deposit, _created = Deposit.objects.update_or_create(
        project=project,
        defaults={
            "kind": kind,
            "amount": amount,
            "lodged_on": lodged_on,
            "letter_number": letter_number.strip() if kind == Deposit.Kind.GUARANTEE else "",
            "expires_on": expires_on if kind == Deposit.Kind.GUARANTEE else None,
        },
    )
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=deposit, changes={"amount": [None, str(amount)]})
    return deposit


def person_by_id_number(id_number: str, field: str = "id_number"):
    """The registry's person with this identity number: the number must be valid and registered."""
    try:
        parse_resident_id(id_number)
    except ValidationError as exc:
        raise ValidationError({field: exc.messages}) from None
    person = dangerously_all_persons().filter(id_number=normalize_resident_id(id_number)).first()
    if person is None:
        raise ValidationError({field: _("实名信息库中没有该身份证号码的人员，请先办理实名登记")})
    return person


@transaction.atomic
def worker_add(
    *,
    actor,
    project: Project,
    id_number: str,
    joined_on: date,
    contract_signed: bool = False,
    registered: bool = False,
    bank_name: str = "",
    bank_card: str = "",
    team: str = "",
) -> ProjectWorker:
    """A worker joins the project under real-name management (Arts. 28–29)."""
    require_owner(actor, project)
    person = person_by_id_number(id_number)
    card = "".join(str(bank_card).split())
    if card and (not card.isdigit() or not 12 <= len(card) <= 19):
        raise ValidationError({"bank_card": _("工资卡号应为12–19位数字")})
    if ProjectWorker.objects.filter(project=project, person=person).exists():
        raise ValidationError({"id_number": _("该工人已在本项目登记")})
    try:
        with transaction.atomic():
            worker = ProjectWorker.objects.create(
                project=project,
                person=person,
                joined_on=joined_on,
                contract_signed=contract_signed,
                registered=registered,
                bank_name=bank_name.strip(),
                bank_card=card,
                team=team.strip(),
            )
    except IntegrityError:
        raise ValidationError({"id_number": _("该工人已在本项目登记")}) from None
    audit_record(actor=actor, action=AuditAction.CREATE, obj=worker, object_repr=f"{person.masked_name} @ {project}")
    return worker


@transaction.atomic
def worker_update(*, actor, worker: ProjectWorker, **fields) -> ProjectWorker:
    require_owner(actor, worker.project)
    for key in ("contract_signed", "registered", "bank_name", "bank_card", "team", "left_on"):
        if key in fields:
            setattr(worker, key, fields[key])
    worker.save()
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=worker, changes={"fields": sorted(fields)})
    return worker


# --- attendance -------------------------------------------------------------------------------------


def _rows_from_file(name: str, content: bytes) -> list[list[str]]:
    suffix = Path(name).suffix.lower()
    if suffix == ".csv":
        text = content.decode("utf-8-sig", errors="strict")
        return [row for row in csv.reader(io.StringIO(text)) if any(cell.strip() for cell in row)]
    if suffix == ".xlsx":
        from openpyxl import load_workbook

        sheet = load_workbook(io.BytesIO(content), read_only=True, data_only=True).active
        rows = []
        for row in sheet.iter_rows(values_only=True):
            cells = ["" if v is None else (v.date().isoformat() if isinstance(v, datetime) else str(v)) for v in row]
            if any(c.strip() for c in cells):
                rows.append(cells)
        return rows
    raise ValidationError({"file": _("仅支持 CSV 或 xlsx 文件")})


def table_from_file(name: str, content: bytes, columns: dict[str, tuple[str, ...]]) -> list[tuple[int, dict]]:
    """Rows of a CSV/xlsx file as ``(line number, {column: text})``; headers are matched by any of their
    names. A missing column or an unreadable file is one ``ValidationError`` on ``file``."""
    try:
        rows = _rows_from_file(name, content)
    except (UnicodeDecodeError, ValueError, KeyError, OSError, zipfile.BadZipFile, InvalidFileException):
        raise ValidationError({"file": _("无法读取文件，请使用 UTF-8 编码的 CSV 或 xlsx")}) from None
    if not rows:
        raise ValidationError({"file": _("文件没有数据")})
    header = [h.strip() for h in rows[0]]
    index = {}
    for key, names in columns.items():
        found = next((i for i, h in enumerate(header) if h in names), None)
        if found is None:
            raise ValidationError({"file": _("缺少列：%(c)s") % {"c": names[0]}})
        index[key] = found
    if len(rows) - 1 > MAX_IMPORT_ROWS:
        raise ValidationError({"file": _("每次最多导入 %(n)d 行") % {"n": MAX_IMPORT_ROWS}})
    out = []
    for number, row in enumerate(rows[1:], start=2):
        out.append((number, {k: (row[i].strip() if i < len(row) else "") for k, i in index.items()}))
    return out


ATTENDANCE_COLUMNS = {"id_number": ("身份证号码", "id_number"), "day": ("日期", "date", "day")}


@transaction.atomic
def attendance_record(
    *, actor, project: Project, worker: ProjectWorker, days: list[date], source: str = "manual"
) -> int:
    """Record days worked (one per day; a day already there is kept). Returns the days added."""
    require_owner(actor, project)
    if worker.project_id != project.pk:
        raise PermissionDenied
    existing = set(Attendance.objects.filter(worker=worker, day__in=days).values_list("day", flat=True))
    new = [Attendance(worker=worker, day=d, source=source) for d in sorted(set(days) - existing)]
    Attendance.objects.bulk_create(new)
    if new:
        audit_record(actor=actor, action=AuditAction.CREATE, obj=worker, changes={"attendance_days": [None, len(new)]})
    return len(new)


def attendance_import(*, actor, project: Project, name: str, content: bytes) -> dict:
    """Import attendance (columns 身份证号码, 日期) from CSV/xlsx. Every bad line is reported and nothing is
    stored unless every line is good; lines already recorded are skipped (a file can be imported twice)."""
    require_owner(actor, project)
    rows = table_from_file(name, content, ATTENDANCE_COLUMNS)
    workers = {w.person.id_number: w for w in project.workers.select_related("person")}
    errors, by_worker = [], {}
    for line, row in rows:
        worker = workers.get(normalize_resident_id(row["id_number"]))
        if worker is None:
            errors.append({"line": line, "error": _("身份证号码 %(v)s 不是本项目登记的工人") % {"v": row["id_number"]}})
            continue
        try:
            day = date.fromisoformat(row["day"][:10])
        except ValueError:
            errors.append({"line": line, "error": _("日期 %(v)s 格式应为 YYYY-MM-DD") % {"v": row["day"]}})
            continue
        if day < worker.joined_on or day > timezone.localdate():
            errors.append({"line": line, "error": _("日期 %(v)s 不在该工人进场后至今的范围内") % {"v": row["day"]}})
            continue
        by_worker.setdefault(worker, []).append(day)
    if errors:
        return {"applied": 0, "errors": errors, "lines": len(rows)}
    with transaction.atomic():
        added = sum(
            attendance_record(actor=actor, project=project, worker=w, days=days, source=Attendance.Source.IMPORT)
            for w, days in by_worker.items()
        )
        audit_record(actor=actor, action=AuditAction.IMPORT, obj=project, changes={"attendance": [None, added]})
    return {"applied": added, "errors": [], "lines": len(rows)}


PUSHED_FIELDS = ("name", "address", "approval_number", "funding_source", "funds_in_place", "permit_number")


@transaction.atomic
def project_upsert_by_code(*, partner, code: str, employer, region: str, **fields) -> tuple[Project, bool]:
    """The housing and construction bureau pushes a project and its permit, keyed by its project code.
    A new code registers the project; a known one updates the registration fields it owns (name,
    address, approval, funding, permit) and leaves the contractor's own records alone."""
    code = (code or "").strip()
    if not code or len(code) > 40:
        raise ValidationError({"code": _("请提供住建项目编码（不超过40字符）")})
    existing = Project.objects.select_for_update().filter(code=code).first()
    if existing is None:
        project = project_register(actor=None, employer=employer, region=region, code=code, **fields)
        created = True
    else:
        if existing.employer_id != employer.pk:
            raise ValidationError({"employer": _("该项目编码已登记在其他施工总承包单位名下")})
        project = project_update(
            actor=None, project=existing, region=region, **{k: v for k, v in fields.items() if k in PROJECT_FIELDS}
        )
        created = False
    audit_record(
        actor=None,
        action=AuditAction.IMPORT,
        obj=project,
        changes={"partner": [None, partner.name], "created": [None, created]},
    )
    return project, created
