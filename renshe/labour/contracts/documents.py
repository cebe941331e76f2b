"""Documents as PDF (WeasyPrint via renshe.core.pdf): the dispatch licence certificate, with a QR code
that opens the public register filtered by its number, and the blacklist listing decision."""

from __future__ import annotations

from urllib.parse import quote

from django.conf import settings
from django.urls import reverse

from renshe.core.pdf import qr_svg_data_uri, render_pdf
from renshe.labour.contracts import rules
from renshe.labour.contracts.models import BlacklistEntry, DispatchLicence


def licence_verify_url(licence: DispatchLicence) -> str:
    path = reverse("contracts:public_licences")
    return f"{settings.PUBLIC_BASE_URL.rstrip('/')}{path}?q={quote(licence.number)}"


def licence_certificate_pdf(licence: DispatchLicence) -> bytes:
    url = licence_verify_url(licence)
    return render_pdf(
        "contracts/pdf/licence.html",
        {"licence": licence, "bureau": settings.BUREAU_NAME, "qr": qr_svg_data_uri(url), "verify_url": url},
    )


def listing_decision_pdf(entry: BlacklistEntry) -> bytes:
    """列入决定书 of a listed entry: facts, the order, the notice, the period and the right of appeal."""
    path = reverse("contracts:public_blacklist")
    url = f"{settings.PUBLIC_BASE_URL.rstrip('/')}{path}?q={quote(entry.employer.credit_code)}"
    return render_pdf(
        "contracts/pdf/listing.html",
        {
            "entry": entry,
            "early_from": rules.early_removal_from(entry.listed_on),
            "bureau": settings.BUREAU_NAME,
            "qr": qr_svg_data_uri(url),
            "verify_url": url,
        },
    )
