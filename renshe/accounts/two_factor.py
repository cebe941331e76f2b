"""Two-factor sign-in for the roles in ``settings.OTP_REQUIRED_ROLES`` (等保 2.0: administrators).

After the password, a six-digit code from an authenticator app (TOTP, RFC 6238, via django-otp); the
first time, the page shows the app's QR code and the first code confirms it. django-otp throttles
wrong codes (each failure doubles the wait). Every enrolment, success and failure is audited.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from renshe.audit.models import AuditAction
from renshe.audit.services import audit_record

DEVICE_NAME = "authenticator"


def second_factor_required(user) -> bool:
    """True while a signed-in user of a role that needs a second factor has not given it."""
    return (
        user.is_authenticated
        and user.role in settings.OTP_REQUIRED_ROLES
        and not (hasattr(user, "is_verified") and user.is_verified())
    )


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def enrolment_device(user) -> TOTPDevice:
    """The not yet confirmed device the enrolment page shows (one per user, kept until confirmed)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


def second_factor_verify(request, code: str) -> TOTPDevice:
    """Check ``code`` against the user's app (enrolling it on the first success) and mark the session
    verified. Raises ValidationError on a malformed, wrong or throttled code. Not one transaction: a
    wrong code's throttle count and its audit entry must stay when the error is raised."""
    user = request.user
    code = (code or "").strip().replace(" ", "")
    if not (code.isdigit() and len(code) == 6):
        raise ValidationError({"code": _("请输入验证器应用显示的 6 位数字")})
    device = confirmed_device(user)
    enrolling = device is None
    if enrolling:
        device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
        if device is None:
            raise ValidationError({"code": _("请先扫描二维码绑定验证器应用")})
    allowed, _why = device.verify_is_allowed()
    if not allowed:
        raise ValidationError({"code": _("验证码错误次数过多，请稍后再试")})
    if not device.verify_token(code):  # a failure saves the device's throttle count itself
        with transaction.atomic():
            audit_record(actor=user, action=AuditAction.LOGIN_FAILED, obj=user, changes={"second_factor": "wrong code"})
        raise ValidationError({"code": _("验证码不正确或已过期")})
    with transaction.atomic():
        if enrolling:
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            audit_record(actor=user, action=AuditAction.CREATE, obj=user, changes={"second_factor": "enrolled"})
        audit_record(actor=user, action=AuditAction.LOGIN, obj=user, changes={"second_factor": "verified"})
    otp_login(request, device)
    return device
