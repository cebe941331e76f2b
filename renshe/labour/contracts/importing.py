"""An employer's batch import of labour contracts from an .xlsx file.

Per-row errors are reported the way ``renshe.registry.importing`` reports them (``RowError``: the row
as the user sees it in Excel, the column's header, the reason; ``ImportResult`` counts). The user
chooses ``all_or_nothing`` (any bad row: nothing stored) or ``good_only`` (good rows stored, bad rows
reported). The whole run is one transaction. The same file (sha256) is never imported twice for an
employer, and a row for a worker whose active contract has the same start date is skipped, so a
second import of the same data adds nothing.
"""

from __future__ import annotations

import hashlib
import warnings
import zipfile
from datetime import date, datetime
from io import BytesIO

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from renshe.audit.models import AuditAction
from renshe.audit.services import audit_record
from renshe.core.excel import xlsx_bytes
from renshe.core.identity import normalize_resident_id
from renshe.labour.contracts.models import ContractImport, ContractStatus, ContractType, LabourContract
from renshe.labour.contracts.services_contracts import acting_employer, contract_build, employee_by_id_number
from renshe.registry.importing import ImportFileError, ImportResult, RowError

MODE_ALL_OR_NOTHING = "all_or_nothing"
MODE_GOOD_ONLY = "good_only"
MAX_ROWS = 5000
MAX_BYTES = 5 * 1024 * 1024

# key, header (data format: never translated), required
COLUMNS = (
    ("id_number", "身份证号码", True),
    ("contract_type", "合同类型", True),
    ("start_date", "起始日期", True),
    ("end_date", "终止日期", False),
    ("probation_months", "试用期（月）", False),
    ("position", "工作岗位", True),
    ("monthly_wage", "月工资（元）", True),
    ("platform_ref", "电子合同平台编号", False),
    ("signed_on", "签订日期", True),
)
HEADERS = {label: key for key, label, _required in COLUMNS}
LABELS = {key: label for key, label, _required in COLUMNS}
TYPE_NAMES = {str(label): value for value, label in ContractType.choices} | {v: v for v in ContractType.values}
TYPE_NAMES |= {"固定期限": "fixed", "无固定期限": "open", "以完成一定工作任务为期限": "task"}


def template_xlsx() -> bytes:
    example = [
        "440902199005170011",
        "固定期限",
        "2025-01-01",
        "2027-12-31",
        "2",
        "操作工",
        "3200",
        "EC-0001",
        "2025-01-01",
    ]
    return xlsx_bytes([label for _k, label, _r in COLUMNS], [example], title="劳动合同")


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _rows(data: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    if len(data) > MAX_BYTES:
        raise ImportFileError(_("文件超过 5 MB，请拆分后导入"))
    if not data.startswith(b"PK"):
        raise ImportFileError(_("请上传 Excel（.xlsx）文件"))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            workbook = load_workbook(BytesIO(data), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        rows = [[_cell(v) for v in row] for row in sheet.iter_rows(values_only=True)]
        workbook.close()
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, IndexError):
        raise ImportFileError(_("文件已损坏或不是有效的 Excel（.xlsx）文件")) from None
    if not rows:
        raise ImportFileError(_("文件是空的"))
    return rows


def _date(text: str, field: str, *, required: bool) -> date | None:
    if not text:
        if required:
            raise ValidationError({field: _("必填")})
        return None
    try:
        return date.fromisoformat(text[:10].replace("/", "-"))
    except ValueError:
        raise ValidationError({field: _("日期格式应为 YYYY-MM-DD")}) from None


def _parse(values: dict[str, str]) -> dict:
    type_text = values.get("contract_type", "")
    if type_text not in TYPE_NAMES:
        raise ValidationError({"contract_type": _("应为 固定期限、无固定期限 或 以完成一定工作任务为期限")})
    probation = values.get("probation_months") or "0"
    if not probation.isdigit():
        raise ValidationError({"probation_months": _("应为整数")})
    return {
        "contract_type": TYPE_NAMES[type_text],
        "start_date": _date(values.get("start_date", ""), "start_date", required=True),
        "end_date": _date(values.get("end_date", ""), "end_date", required=False),
        "probation_months": int(probation),
        "position": values.get("position", ""),
        "monthly_wage": values.get("monthly_wage", ""),
        "platform_ref": values.get("platform_ref", ""),
        "signed_on": _date(values.get("signed_on", ""), "signed_on", required=True),
    }


def contracts_import(*, actor, file_name: str, data: bytes, mode: str) -> ImportResult:
    """Import an employer's contracts file; see the module docstring. Raises ``ImportFileError`` when
    the file as a whole cannot be read (nothing stored)."""
    employer = acting_employer(actor)
    if mode not in (MODE_ALL_OR_NOTHING, MODE_GOOD_ONLY):
        raise ValidationError({"mode": _("请选择导入方式")})
    sha256 = hashlib.sha256(data).hexdigest()
    result = ImportResult(kind="contract", mode=mode, file_name=file_name, sha256=sha256)
    if ContractImport.objects.filter(employer=employer, sha256=sha256).exists():
        result.errors.append(RowError(0, "", _("该文件已导入过，本次未重复导入"), "warning"))
        return result
    rows = _rows(data)
    headers = [h.replace("*", "").strip() for h in rows[0]]
    result.headers = headers
    unknown = [h for h in headers if h and h not in HEADERS and h not in ("错误原因", "序号")]
    if unknown:
        raise ImportFileError(_("无法识别的列：%(c)s") % {"c": "、".join(unknown)})
    missing = [label for key, label, required in COLUMNS if required and label not in headers]
    if missing:
        raise ImportFileError(_("缺少必填列：%(c)s") % {"c": "、".join(missing)})
    if len(rows) - 1 > MAX_ROWS:
        raise ImportFileError(_("一次最多导入 %(n)d 行") % {"n": MAX_ROWS})
    with transaction.atomic():
        batch = ContractImport.objects.create(
            employer=employer, created_by=actor, original_name=file_name[:200], sha256=sha256, mode=mode
        )
        seen: dict[str, int] = {}
        for number, raw in enumerate(rows[1:], start=2):
            if not any(raw):
                continue
            result.total += 1
            values = {HEADERS[h]: (raw[i] if i < len(raw) else "") for i, h in enumerate(headers) if h in HEADERS}
            try:
                with transaction.atomic():
                    id_number = normalize_resident_id(values.get("id_number", ""))
                    if id_number in seen:
                        raise ValidationError({"id_number": _("与第 %(n)d 行重复") % {"n": seen[id_number]}})
                    person = employee_by_id_number(actor, values.get("id_number", ""))
                    seen[id_number] = number
                    terms = _parse(values)
                    same = LabourContract.objects.filter(
                        person=person, employer=employer, status=ContractStatus.ACTIVE
                    ).first()
                    if same is not None and same.start_date == terms["start_date"]:
                        result.skipped_existing += 1
                        continue
                    if same is not None:
                        raise ValidationError({"id_number": _("该职工已有履行中的劳动合同，请办理续订或先解除原合同")})
                    contract = contract_build(employer=employer, person=person, **terms)
                    contract.source = batch
                    contract.created_by = actor
                    contract.save()
                    result.created += 1
            except ValidationError as exc:
                result.failed += 1
                by_field = exc.message_dict if hasattr(exc, "error_dict") else {"": exc.messages}
                for field, messages in by_field.items():
                    for message in messages:
                        result.errors.append(RowError(number, LABELS.get(field, ""), message))
        if result.failed and mode == MODE_ALL_OR_NOTHING:
            result.rejected = True
            result.not_imported = result.created
            result.created = 0
            transaction.set_rollback(True)
        else:
            batch.total_rows = result.total
            batch.created_count = result.created
            batch.failed_count = result.failed
            batch.errors = [e.as_list() for e in result.errors]
            batch.save()
            audit_record(
                actor=actor,
                action=AuditAction.IMPORT,
                obj=batch,
                changes={"file": file_name, "sha256": sha256, "mode": mode, **result.counts()},
            )
    if result.rejected:
        with transaction.atomic():
            audit_record(
                actor=actor,
                action=AuditAction.IMPORT,
                object_type="contracts.contractimport",
                object_repr=file_name[:200],
                changes={"file": file_name, "sha256": sha256, "mode": mode, **result.counts()},
            )
    return result
