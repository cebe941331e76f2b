"""Partners (banks, the housing and construction bureau) and how they sign in to the API.

A partner's token is shown once, when it is created; only its SHA-256 is stored (a random 40-byte token
needs no slow hash). ``Authorization: Partner <token>`` authenticates the partner itself (not a user);
``HasScope`` lets it reach only the endpoints its scopes name (else 403).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import authentication, exceptions, permissions

from renshe.audit.models import AuditAction
from renshe.audit.services import audit_record
from renshe.labour.wages.models import SCOPES, Partner

KEYWORD = "Partner"


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def partner_create(*, actor, name: str, kind: str, scopes: list[str]) -> tuple[Partner, str]:
    """Create a partner; returns it with its token (shown once, never stored in clear)."""
    if actor is not None and not actor.has_perm("wages.manage_partners"):
        raise PermissionDenied
    name = name.strip()
    errors = {}
    if not name:
        errors["name"] = _("请填写名称")
    elif Partner.objects.filter(name=name).exists():
        errors["name"] = _("该名称已存在")
    if kind not in Partner.Kind.values:
        errors["kind"] = _("请选择类型")
    bad = [s for s in scopes if s not in SCOPES]
    if bad or not scopes:
        errors["scopes"] = _("请选择权限范围")
    if errors:
        raise ValidationError(errors)
    prefix = secrets.token_hex(4)
    token = f"{prefix}.{secrets.token_urlsafe(40)}"
    partner = Partner.objects.create(
        name=name, kind=kind, scopes=sorted(set(scopes)), token_prefix=prefix, token_hash=_digest(token)
    )
    audit_record(actor=actor, action=AuditAction.CREATE, obj=partner, changes={"scopes": [None, partner.scopes]})
    return partner, token


@transaction.atomic
def partner_set_active(*, actor, partner: Partner, active: bool) -> Partner:
    if actor is None or not actor.has_perm("wages.manage_partners"):
        raise PermissionDenied
    Partner.objects.filter(pk=partner.pk).update(active=active)
    partner.refresh_from_db()
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=partner, changes={"active": [not active, active]})
    return partner


def partner_for_token(token: str) -> Partner | None:
    prefix = token.split(".", 1)[0]
    partner = Partner.objects.filter(token_prefix=prefix, active=True).first()
    if partner is None or not hmac.compare_digest(partner.token_hash, _digest(token)):
        return None
    return partner


class PartnerAuthentication(authentication.BaseAuthentication):
    """``Authorization: Partner <token>``."""

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).decode("latin-1").split()
        if not header or header[0] != KEYWORD:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("合作方令牌格式错误"))
        partner = partner_for_token(header[1])
        if partner is None:
            raise exceptions.AuthenticationFailed(_("合作方令牌无效或已停用"))
        Partner.objects.filter(pk=partner.pk).update(last_used_at=timezone.now())
        return partner, header[1]

    def authenticate_header(self, request):
        return KEYWORD


class HasScope(permissions.BasePermission):
    """The view's ``required_scope`` must be among the partner's scopes (a user account never passes)."""

    message = gettext_lazy("该合作方没有此接口的权限范围")

    def has_permission(self, request, view) -> bool:
        partner = request.user
        if not isinstance(partner, Partner):
            raise exceptions.NotAuthenticated(_("请使用合作方令牌"))
        return view.required_scope in partner.scopes
