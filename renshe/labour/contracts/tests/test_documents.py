"""The dispatch licence certificate: a real PDF with the number, the holder and the validity."""

import re
import shutil
import subprocess
from datetime import date

import pytest
from django.urls import reverse

from renshe import testing
from renshe.accounts.models import Role
from renshe.labour.contracts import services_licences
from renshe.labour.contracts.documents import licence_certificate_pdf, licence_verify_url

pytestmark = pytest.mark.django_db

ITEMS = {
    "registered_capital": "260",
    "premises_address": "茂南区油城路1号",
    "premises_area": "80",
    "rules_summary": "劳务派遣协议管理、劳动合同、工资支付、社会保险制度",
}


def _text(data: bytes, tmp_path) -> str:
    assert shutil.which("pdftotext"), "pdftotext (poppler-utils) is not installed: run scripts/system-deps.sh test"
    source = tmp_path / "licence.pdf"
    source.write_bytes(data)
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(source), "-"], capture_output=True, check=True)
    return re.sub(r"\s+", "", out.stdout.decode("utf-8"))


def test_certificate_of_a_valid_licence(client, employer_user, tmp_path):
    reviewer = testing.staff("reviewer_maonan", Role.REVIEWER, "440902")
    applied = services_licences.licence_apply(actor=employer_user, **ITEMS)
    pdf_url = reverse("contracts:my_licence_certificate", args=[applied.pk])
    client.force_login(employer_user)
    assert client.get(pdf_url).status_code == 404  # not granted yet
    licence = services_licences.licence_decide(actor=reviewer, licence=applied, approve=True, today=date(2025, 7, 1))
    data = licence_certificate_pdf(licence)
    assert data.startswith(b"%PDF")
    text = _text(data, tmp_path)
    for expected in ("劳务派遣经营许可证", licence.number, employer_user.employer.name, "2028年6月30日"):
        assert expected in text
    assert licence.number in licence_verify_url(licence)
    response = client.get(pdf_url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    client.force_login(testing.staff("clerk_gaozhou", Role.CLERK, "440981"))
    assert client.get(reverse("contracts:licence_certificate", args=[licence.pk])).status_code == 404
