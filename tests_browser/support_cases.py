"""Helpers of the case-handling browser tests: the real catalogue, cases filed through the services
(for the steps a test is not about), upload files, and dates a given number of working days away."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

from django.utils import timezone
from playwright.sync_api import Page, Response, expect

from renshe.cases import services
from renshe.cases.models import Case
from renshe.cases.testing import PDF_BYTES, pdf
from renshe.catalog.data.catalogue import BUNDLES, ITEMS
from renshe.catalog.models import Requirement, ServiceItem
from renshe.catalog.services import catalogue_load
from renshe.core.workdays import add_working_days, is_working_day

UNEMPLOYMENT_REGISTRATION = "RS-JY-001"  # 失业登记: 即办件 with 秒批 checks a citizen of working age passes
UNEMPLOYMENT_BENEFIT = "RS-JY-007"  # 失业保险金申领: 承诺件, two review levels, one 可容缺 material


def real_catalogue() -> None:
    """The bureau's catalogue (renshe/catalog/data/catalogue.py), as ``manage.py load_catalogue`` loads it."""
    catalogue_load(items=ITEMS, bundles=BUNDLES)


def pdf_file(tmp_path: Path, name: str) -> Path:
    """A small valid PDF on disk, for a file input."""
    path = tmp_path / name
    path.write_bytes(PDF_BYTES)
    return path


def labelled(page: Page, text: str):
    """The input whose label starts with ``text`` (labels here often start with a line break and
    end with a badge such as 必交, which Playwright's label matching does not trim)."""
    return page.get_by_label(re.compile(rf"^\s*{re.escape(text)}"))


def sample_value(field: dict) -> str:
    """A plausible value for one of an item's form fields."""
    kind = field.get("type", "text")
    if kind == "choice":
        return field["choices"][0]
    if kind == "date":
        return "2026-10-30"
    if kind == "number":
        return "1"
    return "示例内容"


def file_case(*, code: str, applicant, actor, channel: str = "mobile", **extra) -> Case:
    """File a case for the real item ``code`` through the service, as the applicant (or a clerk at
    the window) would: every required form field filled, every required material uploaded."""
    item = ServiceItem.objects.get(code=code)
    version = item.current_version
    form_data = {f["name"]: sample_value(f) for f in version.form_fields if f.get("required")}
    files = {
        m.pk: pdf(f"{m.name}.pdf")
        for m in version.materials.all()
        if m.requirement in (Requirement.REQUIRED, Requirement.DEFERRABLE)
    }
    return services.case_submit(
        actor=actor, item=item, applicant=applicant, channel=channel, form_data=form_data, files=files, **extra
    )


def act(case: Case, action: str, actor, comment: str = "") -> Case:
    """One transition through the service, on the case's current version."""
    case.refresh_from_db()
    return services.case_transition(
        case=case, action=action, actor=actor, comment=comment, expected_version=case.version
    )


def staff_act(page: Page, action: str, comment: str = "") -> Response:
    """Use one action form of the staff case page; returns the answer to the POST.

    The comment box is found by name within the action's form (each form's ids carry the action
    name, e.g. ``id_reject_comment``)."""
    form = page.locator(f'form[data-action="{action}"]')
    if comment:
        form.locator("textarea[name=comment]").fill(comment)
    with page.expect_response(lambda r: r.request.method == "POST" and r.url.endswith("/act/")) as answer:
        form.get_by_test_id(f"action-{action}").click()
    page.wait_for_load_state()
    return answer.value


def working_days_from_today(n: int, today: date | None = None) -> date:
    """The date ``n`` working days after today (``n`` < 0: before today)."""
    today = today or timezone.localdate()
    if n >= 0:
        return add_working_days(today, n)
    day, counted = today, 0
    while counted < -n:
        if is_working_day(day):
            counted += 1
        day -= timedelta(days=1)
    while not is_working_day(day):  # a deadline is a working day
        day -= timedelta(days=1)
    return day


def accept_confirmations(page: Page) -> list[str]:
    """Say yes to the ``data-confirm`` dialogs of dangerous buttons (static/js/renshe.js); the list
    returned collects the questions asked."""
    asked: list[str] = []

    def accept(dialog) -> None:
        asked.append(dialog.message)
        dialog.accept()

    page.on("dialog", accept)
    return asked


def open_message(page: Page, title: str | re.Pattern) -> None:
    """Open the message centre from the header and then the one message titled ``title``."""
    page.get_by_test_id("inbox-link").click()
    expect(page).to_have_url(re.compile(r"/messages/$"))
    row = page.get_by_test_id("message-row").filter(has_text=title)
    expect(row).to_have_count(1)
    row.click()
    expect(page.get_by_test_id("message")).to_be_visible()
