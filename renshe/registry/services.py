"""Every write to the registry: keyword-only, names the actor, one transaction, audited."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from renshe.accounts.scoping import user_can_see_region
from renshe.audit.models import AuditAction
from renshe.audit.services import audit_record, diff, snapshot
from renshe.core.identity import normalize_phone, parse_resident_id, validate_uscc
from renshe.core.models import EducationLevel, Industry, PersonTag, Region, RegionLevel
from renshe.core.text import name_initials
from renshe.registry.models import ContractType, Employer, EmployerSize, Employment, Ownership, Person


def _require(actor, perm: str) -> None:
    if actor is not None and not actor.has_perm(perm):
        raise PermissionDenied(_("您没有执行此操作的权限"))


def _require_region(actor, region: Region, field: str) -> None:
    """A staff member may only file records in their own region (a system job, ``actor=None``, anywhere)."""
    if actor is None or not actor.is_bureau_staff:
        return
    if not user_can_see_region(actor, region.code):
        raise ValidationError({field: _("%(region)s 不在您的管辖范围内") % {"region": region.name}})


def _region(code_or_region, field: str, *, required: bool = True) -> Region | None:
    if isinstance(code_or_region, Region):
        return code_or_region
    if not code_or_region:
        if required:
            raise ValidationError({field: _("请选择区划")})
        return None
    region = Region.objects.filter(pk=str(code_or_region).strip()).first()
    if region is None:
        raise ValidationError({field: _("区划代码 %(code)s 不存在") % {"code": code_or_region}})
    if region.level < RegionLevel.COUNTY:
        raise ValidationError({field: _("请选择到区县或镇街一级")})
    return region


def _clean_name(value: str, field: str = "name") -> str:
    name = (value or "").strip()
    if not name:
        raise ValidationError({field: _("姓名不能为空")})
    if len(name) > 40:
        raise ValidationError({field: _("姓名过长（最多40个字）")})
    return name


def _clean_phone(value: str, field: str = "phone") -> str:
    if not (value or "").strip():
        return ""
    try:
        return normalize_phone(value)
    except ValidationError as exc:
        raise ValidationError({field: exc.messages}) from None


def _id_number(value: str) -> tuple[str, object]:
    try:
        parsed = parse_resident_id(value)
    except ValidationError as exc:
        raise ValidationError({"id_number": exc.messages}) from None
    return parsed.number, parsed


# --- people ---------------------------------------------------------------------------------


@transaction.atomic
def person_register(
    *,
    actor,
    name: str,
    id_number: str,
    residence_region,
    phone: str = "",
    household_region=None,
    household_address: str = "",
    address: str = "",
    education: str | None = None,
    tags: Iterable[str] = (),
) -> Person:
    """Register a person by real name. Birth date and gender come from the identity number."""
    _require(actor, "registry.add_person")
    number, parsed = _id_number(id_number)
    residence = _region(residence_region, "residence_region")
    _require_region(actor, residence, "residence_region")
    if Person.objects.filter(id_number=number).exists():
        raise ValidationError(
            {"id_number": _("身份证号码 %(n)s 已登记，不能重复登记") % {"n": number[:6] + "********" + number[-4:]}}
        )
    person = Person(
        name=_clean_name(name),
        name_initials=name_initials(_clean_name(name)),
        id_number=number,
        birth_date=parsed.birth_date,
        gender=parsed.gender,
        phone=_clean_phone(phone),
        household_region=_region(household_region, "household_region", required=False),
        household_address=(household_address or "").strip(),
        residence_region=residence,
        address=(address or "").strip(),
        education=_education(education),
    )
    person.full_clean(exclude=["tags"], validate_unique=False)
    try:
        with transaction.atomic():
            person.save()
    except IntegrityError:
        raise ValidationError({"id_number": _("身份证号码已登记，不能重复登记")}) from None
    tag_codes = _tags(tags)
    if tag_codes:
        person.tags.set(tag_codes)
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=person,
        changes=diff({}, {**snapshot(person), "tags": sorted(tag_codes)}),
    )
    return person


@transaction.atomic
def person_update(*, actor, person: Person, **fields) -> Person:
    """Change a person's editable fields. The identity number (and so birth date and gender) can be
    corrected only as a whole: the derived fields follow it."""
    _require(actor, "registry.change_person")
    person = Person.objects.select_for_update().get(pk=person.pk)
    _require_region(actor, person.residence_region, "residence_region")
    before = {**snapshot(person), "tags": sorted(person.tags.values_list("code", flat=True))}
    if "name" in fields:
        person.name = _clean_name(fields["name"])
        person.name_initials = name_initials(person.name)
    if "id_number" in fields:
        number, parsed = _id_number(fields["id_number"])
        if number != person.id_number and Person.objects.filter(id_number=number).exists():
            raise ValidationError({"id_number": _("身份证号码已登记在另一人名下")})
        person.id_number, person.birth_date, person.gender = number, parsed.birth_date, parsed.gender
    if "phone" in fields:
        person.phone = _clean_phone(fields["phone"])
    if "residence_region" in fields:
        person.residence_region = _region(fields["residence_region"], "residence_region")
        _require_region(actor, person.residence_region, "residence_region")
    if "household_region" in fields:
        person.household_region = _region(fields["household_region"], "household_region", required=False)
    for text_field in ("household_address", "address"):
        if text_field in fields:
            setattr(person, text_field, (fields[text_field] or "").strip())
    if "education" in fields:
        person.education = _education(fields["education"])
    person.full_clean(exclude=["tags"], validate_unique=False)
    person.save()
    after_tags = before["tags"]
    if "tags" in fields:
        after_tags = sorted(_tags(fields["tags"]))
        person.tags.set(after_tags)
    changes = diff(before, {**snapshot(person), "tags": after_tags})
    changes.pop("updated_at", None)
    if changes:
        audit_record(actor=actor, action=AuditAction.UPDATE, obj=person, changes=changes)
    return person


@transaction.atomic
def person_reveal(*, actor, person: Person, fields: tuple[str, ...] = ("id_number", "phone")) -> dict[str, str]:
    """Full identity number and phone for a role allowed to see them; every reveal is audited."""
    _require(actor, "registry.reveal_personal_data")
    values = {f: getattr(person, f) for f in fields}
    audit_record(actor=actor, action=AuditAction.REVEAL, obj=person, changes={"fields": list(fields)})
    return values


def _education(code: str | None) -> EducationLevel | None:
    if not code:
        return None
    if isinstance(code, EducationLevel):
        return code
    level = EducationLevel.objects.filter(pk=code).first() or EducationLevel.objects.filter(name=code).first()
    if level is None:
        raise ValidationError({"education": _("学历 %(v)s 不存在") % {"v": code}})
    return level


def _tags(codes: Iterable[str]) -> list[str]:
    wanted = {c.strip() for c in codes if c and c.strip()}
    if not wanted:
        return []
    known = dict(PersonTag.objects.filter(pk__in=wanted).values_list("code", "code"))
    by_name = dict(PersonTag.objects.filter(name__in=wanted).values_list("name", "code"))
    result, unknown = [], []
    for value in sorted(wanted):
        code = known.get(value) or by_name.get(value)
        (result if code else unknown).append(code or value)
    if unknown:
        raise ValidationError({"tags": _("人员类别不存在：%(v)s") % {"v": "、".join(unknown)}})
    return sorted(set(result))


# --- employers ------------------------------------------------------------------------------


@transaction.atomic
def employer_register(
    *,
    actor,
    credit_code: str,
    name: str,
    industry: str,
    region,
    size: str,
    ownership: str,
    address: str = "",
    legal_representative: str = "",
    contact_phone: str = "",
) -> Employer:
    _require(actor, "registry.add_employer")
    try:
        code = validate_uscc(credit_code)
    except ValidationError as exc:
        raise ValidationError({"credit_code": exc.messages}) from None
    place = _region(region, "region")
    _require_region(actor, place, "region")
    if Employer.objects.filter(credit_code=code).exists():
        raise ValidationError({"credit_code": _("统一社会信用代码 %(c)s 已登记，不能重复登记") % {"c": code}})
    employer = Employer(
        credit_code=code,
        name=(name or "").strip(),
        industry=_industry(industry),
        region=place,
        size=_choice(size, EmployerSize, "size"),
        ownership=_choice(ownership, Ownership, "ownership"),
        address=(address or "").strip(),
        legal_representative=(legal_representative or "").strip(),
        contact_phone=_clean_phone(contact_phone, "contact_phone"),
    )
    if not employer.name:
        raise ValidationError({"name": _("单位名称不能为空")})
    employer.full_clean(validate_unique=False)
    try:
        with transaction.atomic():
            employer.save()
    except IntegrityError:
        raise ValidationError({"credit_code": _("统一社会信用代码已登记，不能重复登记")}) from None
    audit_record(actor=actor, action=AuditAction.CREATE, obj=employer, changes=diff({}, snapshot(employer)))
    return employer


@transaction.atomic
def employer_update(*, actor, employer: Employer, **fields) -> Employer:
    _require(actor, "registry.change_employer")
    employer = Employer.objects.select_for_update().get(pk=employer.pk)
    _require_region(actor, employer.region, "region")
    before = snapshot(employer)
    if "name" in fields:
        employer.name = (fields["name"] or "").strip()
        if not employer.name:
            raise ValidationError({"name": _("单位名称不能为空")})
    if "industry" in fields:
        employer.industry = _industry(fields["industry"])
    if "region" in fields:
        employer.region = _region(fields["region"], "region")
        _require_region(actor, employer.region, "region")
    if "size" in fields:
        employer.size = _choice(fields["size"], EmployerSize, "size")
    if "ownership" in fields:
        employer.ownership = _choice(fields["ownership"], Ownership, "ownership")
    if "contact_phone" in fields:
        employer.contact_phone = _clean_phone(fields["contact_phone"], "contact_phone")
    for text_field in ("address", "legal_representative"):
        if text_field in fields:
            setattr(employer, text_field, (fields[text_field] or "").strip())
    employer.full_clean(validate_unique=False)
    employer.save()
    changes = diff(before, snapshot(employer))
    changes.pop("updated_at", None)
    if changes:
        audit_record(actor=actor, action=AuditAction.UPDATE, obj=employer, changes=changes)
    return employer


def _industry(code: str) -> Industry:
    if isinstance(code, Industry):
        return code
    value = (code or "").strip()
    industry = Industry.objects.filter(pk=value.upper()).first() or Industry.objects.filter(name=value).first()
    if industry is None:
        raise ValidationError({"industry": _("行业 %(v)s 不存在（请填写国民经济行业门类代码 A–T）") % {"v": code}})
    return industry


def _choice(value: str, choices, field: str) -> str:
    value = (value or "").strip()
    if value in choices.values:
        return value
    for choice_value, label in choices.choices:
        if value == str(label):
            return choice_value
    raise ValidationError({field: _("取值 %(v)s 无效") % {"v": value}})


# --- employment relations -------------------------------------------------------------------


def _require_employment_region(actor, person: Person, employer: Employer) -> None:
    """Staff may record a job when the person lives, or the employer sits, in their region."""
    if (
        actor is not None
        and actor.is_bureau_staff
        and not (
            user_can_see_region(actor, person.residence_region_id) or user_can_see_region(actor, employer.region_id)
        )
    ):
        raise ValidationError({"person": _("此人员和单位都不在您的管辖范围内")})


@transaction.atomic
def employment_start(
    *, actor, person: Person, employer: Employer, start_date: date, contract_type: str, position: str = ""
) -> Employment:
    """Record that ``person`` works at ``employer`` from ``start_date``; an open relation may not be doubled."""
    _require(actor, "registry.add_employment")
    _require_employment_region(actor, person, employer)
    if Employment.objects.filter(person=person, employer=employer, end_date__isnull=True).exists():
        raise ValidationError({"employer": _("此人在该单位已有未终止的就业关系")})
    employment = Employment(
        person=person,
        employer=employer,
        start_date=start_date,
        contract_type=_choice(contract_type, ContractType, "contract_type"),
        position=(position or "").strip(),
    )
    employment.full_clean(validate_unique=False, validate_constraints=False)
    employment.save()
    audit_record(actor=actor, action=AuditAction.CREATE, obj=employment, changes=diff({}, snapshot(employment)))
    return employment


@transaction.atomic
def employment_end(*, actor, employment: Employment, end_date: date, reason: str = "") -> Employment:
    _require(actor, "registry.change_employment")
    employment = Employment.objects.select_for_update().select_related("person", "employer").get(pk=employment.pk)
    _require_employment_region(actor, employment.person, employment.employer)
    if employment.end_date is not None:
        raise ValidationError({"end_date": _("该就业关系已于 %(d)s 终止") % {"d": employment.end_date}})
    if end_date < employment.start_date:
        raise ValidationError({"end_date": _("终止日期不能早于起始日期 %(d)s") % {"d": employment.start_date}})
    before = snapshot(employment)
    employment.end_date = end_date
    employment.end_reason = (reason or "").strip()
    employment.save(update_fields=["end_date", "end_reason"])
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=employment, changes=diff(before, snapshot(employment)))
    return employment
