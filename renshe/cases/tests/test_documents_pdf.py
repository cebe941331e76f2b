"""Notices as PDF: every kind renders a real PDF with its Chinese title and the case number, the QR
code carries the public verification URL, and issuing twice for one case version keeps one document."""

from __future__ import annotations

import base64
import re
import shutil
import subprocess

import pytest
from django.template.loader import render_to_string

from renshe.cases import documents, services
from renshe.cases.models import CaseDocument
from renshe.cases.tasks import case_document_generate
from renshe.cases.testing import material_ids, pdf, service_item
from renshe.core.files import file_path
from renshe.core.models import StoredFile

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.PUBLIC_BASE_URL = "https://rsj.maoming.example/"


@pytest.fixture
def item(db):
    return service_item(steps=[{"name": "受理", "role": "clerk"}, {"name": "审核", "role": "reviewer"}])


@pytest.fixture
def case(citizen, item):
    ids = material_ids(item)
    return services.case_submit(
        actor=citizen,
        item=item,
        applicant=citizen.person,
        channel="web",
        form_data={"reason": "其他"},
        files={ids["居民身份证"]: pdf(), ids["解除劳动合同证明"]: pdf()},
    )


def _pdf_text(data: bytes, tmp_path) -> str:
    # poppler-utils is installed by scripts/system-deps.sh test: a missing tool is a failure, not a skip.
    assert shutil.which("pdftotext"), "pdftotext (poppler-utils) is not installed: run scripts/system-deps.sh test"
    source = tmp_path / "notice.pdf"
    source.write_bytes(data)
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(source), "-"], capture_output=True, check=True)
    return re.sub(r"\s+", "", out.stdout.decode("utf-8"))  # letter-spaced titles come out spaced


# (steps to bring the case there, kind, title, a text that must appear)
SCENARIOS = [
    ([("accept", "")], "acceptance", "受理通知书", "予以受理"),
    (
        [("request_correction", "请补交解除劳动合同证明原件")],
        "correction",
        "一次性告知书",
        "请补交解除劳动合同证明原件",
    ),
    ([("reject", "不属于本机关职权范围")], "refusal", "不予受理决定书", "不属于本机关职权范围"),
    ([("accept", ""), ("approve", "同意办理")], "decision", "办理决定书", "予以办理"),
    ([("accept", ""), ("deny", "不符合申领条件")], "decision", "不予批准决定书", "不符合申领条件"),
]


@pytest.mark.parametrize(("steps", "kind", "title", "text"), SCENARIOS, ids=[s[2] for s in SCENARIOS])
def test_each_notice_is_a_real_pdf_with_its_title_and_the_case_number(
    case, citizen, clerk_maonan, reviewer_maonan, tmp_path, steps, kind, title, text
):
    for action, comment in steps:
        actor = reviewer_maonan if action in ("approve", "deny") else clerk_maonan
        case = services.case_transition(case=case, action=action, actor=actor, comment=comment)
    doc = documents.case_document_issue(case_id=case.pk, kind=kind)
    assert doc.case_version == case.version
    assert doc.file.content_type == "application/pdf"
    data = file_path(doc.file).read_bytes()
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    assert doc.file.size == len(data) and len(data) > 5000  # fonts embedded, not an empty shell
    assert doc.file.original_name == f"{case.number}-{CaseDocument.Kind(kind).label}.pdf"
    words = _pdf_text(data, tmp_path)
    assert title in words
    assert case.number in words
    assert "茂名市人力资源和社会保障局" in words
    assert text in words
    assert citizen.person.name in words
    assert citizen.person.id_number not in words  # the identity number is printed masked, if at all


def test_the_qr_code_encodes_the_verification_url(case, clerk_maonan, monkeypatch):
    case = services.case_transition(case=case, action="accept", actor=clerk_maonan)
    asked, html = [], []
    marker = "data:image/svg+xml;base64,U1BZ"

    def spy_qr(text):
        asked.append(text)
        return marker

    def capture(template, context):
        html.append(render_to_string(template, context))
        return b"%PDF-1.7 captured\n%%EOF\n"

    monkeypatch.setattr(documents, "qr_svg_data_uri", spy_qr)
    monkeypatch.setattr(documents, "render_pdf", capture)
    documents.case_document_issue(case_id=case.pk, kind="acceptance")
    url = f"https://rsj.maoming.example/cases/verify/{case.verify_token}/"
    assert documents.verify_url(case) == url
    assert asked == [url]
    assert f'<img src="{marker}"' in html[0]
    assert url in html[0] and case.number in html[0]


def test_the_real_qr_code_is_an_svg_image(case):
    uri = documents.qr_svg_data_uri(documents.verify_url(case))
    prefix = "data:image/svg+xml;base64,"
    assert uri.startswith(prefix)
    svg = base64.b64decode(uri[len(prefix) :]).decode()
    assert "<svg" in svg and "<path" in svg


def test_issuing_twice_for_the_same_version_keeps_one_document(case, clerk_maonan, reviewer_maonan):
    case = services.case_transition(case=case, action="accept", actor=clerk_maonan)
    first = documents.case_document_issue(case_id=case.pk, kind="acceptance")
    files = StoredFile.objects.count()
    again = documents.case_document_issue(case_id=case.pk, kind="acceptance")
    assert again.pk == first.pk
    assert case_document_generate.delay(case.pk, "acceptance").get() == first.pk  # the worker's job too
    assert CaseDocument.objects.filter(case=case, kind="acceptance").count() == 1
    assert StoredFile.objects.count() == files
    # a later version of the case is a new document (one per kind and version)
    case = services.case_transition(case=case, action="suspend", actor=reviewer_maonan, comment="专家评审")
    later = documents.case_document_issue(case_id=case.pk, kind="acceptance")
    assert later.pk != first.pk and later.case_version == case.version
    assert CaseDocument.objects.filter(case=case, kind="acceptance").count() == 2


def test_transitions_issue_their_notices_after_commit(
    case, clerk_maonan, reviewer_maonan, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        case = services.case_transition(case=case, action="accept", actor=clerk_maonan)
    with django_capture_on_commit_callbacks(execute=True):
        case = services.case_transition(case=case, action="approve", actor=reviewer_maonan, comment="同意")
    kinds = list(case.documents.order_by("id").values_list("kind", "case_version"))
    assert kinds == [("acceptance", case.version - 1), ("decision", case.version)]
