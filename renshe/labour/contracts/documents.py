"""The dispatch licence certificate as a PDF (WeasyPrint via renshe.core.pdf), with a QR code that
opens the public register filtered by the licence number."""

from __future__ import annotations

from urllib.parse import quote

from django.conf import settings
from django.urls import reverse

from renshe.core.pdf import qr_svg_data_uri, render_pdf
from renshe.labour.contracts.models import DispatchLicence


def licence_verify_url(licence: DispatchLicence) -> str:
    path = reverse("contracts:public_licences")
    return f"{settings.PUBLIC_BASE_URL.rstrip('/')}{path}?q={quote(licence.number)}"


def licence_certificate_pdf(licence: DispatchLicence) -> bytes:
    url = licence_verify_url(licence)
    return render_pdf(
        "contracts/pdf/licence.html",
        {"licence": licence, "bureau": settings.BUREAU_NAME, "qr": qr_svg_data_uri(url), "verify_url": url},
    )
