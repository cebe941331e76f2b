"""Writes about accounts: role groups, staff accounts, and real-name self-registration."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from renshe.accounts.models import PUBLIC_ROLES, OrgUnit, Role, User
from renshe.accounts.permissions import role_permissions
from renshe.audit.models import AuditAction
from renshe.audit.services import audit_record


def role_groups_sync() -> None:
    """Create one group per role holding exactly the permissions in ``permissions.py``. Idempotent."""
    for role, perms in role_permissions().items():
        group, _created = Group.objects.get_or_create(name=role)
        wanted = []
        for perm in perms:
            app_label, codename = perm.split(".", 1)
            found = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
            if found is not None:  # an app not migrated yet: its permissions come on its own migrate
                wanted.append(found)
        group.permissions.set(wanted)


def _check_username(username: str) -> str:
    username = (username or "").strip()
    if not username:
        raise ValidationError({"username": _("请填写用户名")})
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": _("用户名 %(u)s 已被使用") % {"u": username}})
    return username


def _check_password(password: str, user: User) -> None:
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise ValidationError({"password": exc.messages}) from None


@transaction.atomic
def user_create(
    *,
    actor,
    username: str,
    password: str,
    role: str,
    org_unit: OrgUnit | None = None,
    display_name: str = "",
    person=None,
    employer=None,
    email: str = "",
    check_password: bool = True,
) -> User:
    """Create an account. Staff accounts need an org unit; the role's group is assigned."""
    if actor is not None and not actor.has_perm("accounts.manage_users"):
        raise PermissionDenied(_("您没有管理账号的权限"))
    if role not in Role.values:
        raise ValidationError({"role": _("角色 %(r)s 不存在") % {"r": role}})
    if role not in PUBLIC_ROLES and org_unit is None:
        raise ValidationError({"org_unit": _("工作人员账号必须指定所属单位")})
    if (
        actor is not None
        and org_unit is not None
        and actor.region is not None
        and not org_unit.region_id.startswith(actor.region.scope_prefix)
    ):
        raise ValidationError({"org_unit": _("只能在本辖区内创建账号")})
    user = User(
        username=_check_username(username),
        role=role,
        org_unit=org_unit,
        display_name=display_name,
        person=person,
        employer=employer,
        email=email,
        is_staff=False,
    )
    if check_password:
        _check_password(password, user)
    user.set_password(password)
    user.save()
    user.groups.set([Group.objects.get_or_create(name=role)[0]])
    audit_record(
        actor=actor or user,
        action=AuditAction.CREATE,
        obj=user,
        changes={
            "username": [None, user.username],
            "role": [None, role],
            "org_unit": [None, org_unit.pk if org_unit else None],
        },
    )
    return user


@transaction.atomic
def citizen_register(*, username: str, password: str, name: str, id_number: str, phone: str, residence_region) -> User:
    """Real-name self-registration of a citizen: the identity number must check out, and if the
    bureau already holds a record for it, the name must match that record before it is linked."""
    from renshe.core.identity import parse_resident_id
    from renshe.registry.models import Person
    from renshe.registry.services import person_register

    try:
        number = parse_resident_id(id_number).number
    except ValidationError as exc:
        raise ValidationError({"id_number": exc.messages}) from None
    existing = Person.objects.filter(id_number=number).first()
    if existing is not None:
        if existing.name != (name or "").strip():
            raise ValidationError({"name": _("姓名与身份证号码登记的信息不一致")})
        if User.objects.filter(person=existing).exists():
            raise ValidationError({"id_number": _("该身份证号码已注册账号，请直接登录或找回密码")})
        person = existing
    else:
        person = person_register(
            actor=None, name=name, id_number=number, phone=phone, residence_region=residence_region
        )
    return user_create(
        actor=None, username=username, password=password, role=Role.CITIZEN, display_name=person.name, person=person
    )


@transaction.atomic
def employer_account_register(
    *,
    username: str,
    password: str,
    credit_code: str,
    name: str,
    industry: str,
    region,
    size: str,
    ownership: str,
    legal_representative: str = "",
    contact_phone: str = "",
) -> User:
    """Self-registration of an employer by its unified social credit code.

    A code and a name are public, so an employer already on record is linked only when the legal
    representative matches what the bureau holds, and only for its first account: further
    accounts are opened at the window on the employer's authorisation (docs/decisions.md).
    """
    from renshe.core.identity import validate_uscc
    from renshe.registry.models import Employer
    from renshe.registry.services import employer_register

    try:
        code = validate_uscc(credit_code)
    except ValidationError as exc:
        raise ValidationError({"credit_code": exc.messages}) from None
    representative = (legal_representative or "").strip()
    employer = Employer.objects.filter(credit_code=code).first()
    if employer is not None:
        if employer.name != (name or "").strip():
            raise ValidationError({"name": _("单位名称与统一社会信用代码登记的信息不一致")})
        if User.objects.filter(employer=employer).exists():
            raise ValidationError(
                {"credit_code": _("该单位已开通账号。新增经办人账号请持单位授权委托书到人社窗口办理")}
            )
        if employer.legal_representative and employer.legal_representative != representative:
            raise ValidationError({"legal_representative": _("法定代表人与登记信息不一致")})
    else:
        employer = employer_register(
            actor=None,
            credit_code=code,
            name=name,
            industry=industry,
            region=region,
            size=size,
            ownership=ownership,
            legal_representative=representative,
            contact_phone=contact_phone,
        )
    return user_create(
        actor=None,
        username=username,
        password=password,
        role=Role.EMPLOYER,
        display_name=employer.name,
        employer=employer,
    )
