"""Uploads: type and size checked by content, stored outside the web root under random names.

Only the extensions below are accepted, and the bytes must be what the name says (``filetype``
reads the magic numbers): a ``.pdf`` that is really an executable is refused.
"""

from __future__ import annotations

import hashlib
import secrets
from pathlib import Path

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from renshe.core.models import StoredFile

ALLOWED = {
    ".pdf": "application/pdf",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".ofd": "application/ofd",  # China's fixed-layout format: a zip container
}
MAX_UPLOAD_BYTES = 10 * 1024 * 1024


def upload_root() -> Path:
    root = Path(settings.MEDIA_ROOT) / "uploads"
    root.mkdir(parents=True, exist_ok=True)
    return root


def _detected_type(head: bytes, suffix: str) -> str | None:
    kind = filetype.guess(head)
    if suffix == ".ofd":
        return "application/ofd" if kind is not None and kind.mime == "application/zip" else None
    return kind.mime if kind is not None else None


def file_validate(*, uploaded, field: str = "file") -> str:
    """Check an upload's extension, size and content; return its content type or raise ``ValidationError``."""
    name = (getattr(uploaded, "name", "") or "").strip()
    suffix = Path(name).suffix.lower()
    if suffix not in ALLOWED:
        raise ValidationError({field: _("不支持的文件类型 %(s)s（仅限 PDF、JPG、PNG、OFD）") % {"s": suffix or "?"}})
    if uploaded.size > MAX_UPLOAD_BYTES:
        raise ValidationError({field: _("文件超过 %(n)d MB") % {"n": MAX_UPLOAD_BYTES // 1024 // 1024}})
    if uploaded.size == 0:
        raise ValidationError({field: _("文件为空")})
    uploaded.seek(0)
    head = uploaded.read(8192)
    uploaded.seek(0)
    if _detected_type(head, suffix) != ALLOWED[suffix]:
        raise ValidationError({field: _("文件内容与扩展名 %(s)s 不符") % {"s": suffix}})
    return ALLOWED[suffix]


def file_store(*, uploaded, actor, field: str = "file") -> StoredFile:
    """Check and store an uploaded file (a Django ``UploadedFile``); raise ``ValidationError`` naming ``field``."""
    content_type = file_validate(uploaded=uploaded, field=field)
    name = (getattr(uploaded, "name", "") or "").strip()
    uploaded.seek(0)
    digest = hashlib.sha256()
    storage_name = secrets.token_hex(20)
    path = upload_root() / storage_name
    with path.open("wb") as out:
        for chunk in uploaded.chunks():
            digest.update(chunk)
            out.write(chunk)
    return StoredFile.objects.create(
        storage_name=storage_name,
        original_name=name[:200],
        content_type=content_type,
        size=uploaded.size,
        sha256=digest.hexdigest(),
        uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )


def file_path(stored: StoredFile) -> Path:
    return upload_root() / stored.storage_name
