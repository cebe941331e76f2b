"""Helpers of the major-project tests: the project office's accounts and small uploads."""

from __future__ import annotations

from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from renshe import testing
from renshe.accounts.models import Role
from renshe.cases.testing import PDF_BYTES
from renshe.planning.projects.models import MajorProject


def project(code: str) -> MajorProject:
    return MajorProject.objects.get(code=code)


def county_statistician(username: str = "stat_gaozhou", region: str = "440981"):
    return testing.staff(username, Role.STATISTICIAN, region)


def png(name: str = "site.png") -> SimpleUploadedFile:
    buffer = BytesIO()
    Image.new("RGB", (8, 6), (30, 120, 200)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def pdf_as(name: str = "site.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def text_as_png(name: str = "site.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"not an image at all", content_type="image/png")
