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


def test_listing_decision(client, employer_user, tmp_path):
    from renshe.labour.contracts import services_blacklist

    staff = testing.staff("admin_city", Role.ADMIN, "440900")
    entry = services_blacklist.blacklist_propose(
        actor=staff,
        employer=employer_user.employer,
        ground="arrears",
        facts="拖欠12名农民工3个月工资共计86400元",
        arrears_amount="86400",
        order_date=date(2025, 9, 1),
        today=date(2025, 9, 30),
    )
    client.force_login(employer_user)
    url = reverse("contracts:my_blacklist_decision", args=[entry.pk])
    assert client.get(url).status_code == 404  # notified, not listed
    entry = services_blacklist.blacklist_list(actor=staff, entry=entry, today=date(2025, 10, 15))
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = _text(response.content, tmp_path)
    for expected in (
        "列入拖欠农民工工资失信联合惩戒对象名单决定书",
        employer_user.employer.name,
        "2028年10月15日",
        "2026年10月15日",
    ):
        assert expected in text
    client.force_login(testing.staff("inspector_gz", Role.INSPECTOR, "440981"))
    assert client.get(reverse("contracts:blacklist_decision", args=[entry.pk])).status_code == 404
