"""The clerk's queue on a PC: every row coloured by the working days it has left (green, yellow, red),
a filter on the time-limit state, and a batch acceptance."""

import re

import pytest
from playwright.sync_api import expect

from renshe import testing
from renshe.accounts.models import Role
from renshe.cases import rules
from renshe.cases.models import Case, Status
from tests_browser.support import login
from tests_browser.support_cases import (
    UNEMPLOYMENT_BENEFIT,
    accept_confirmations,
    act,
    file_case,
    real_catalogue,
    working_days_from_today,
)

pytestmark = pytest.mark.browser

SCREENSHOT = "docs/screenshots/case-queue.png"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _due_in(case: Case, days: int) -> None:
    """Move the case's acceptance deadline to ``days`` working days from today (negative: overdue)."""
    due = working_days_from_today(days)
    Case.objects.filter(pk=case.pk).update(
        acceptance_due=due, sla_state=rules.sla_state(working_days_from_today(0), due)
    )


def test_queue_colours_rows_by_time_left_filters_overdue_and_accepts_in_batch(page):
    real_catalogue()
    citizen = testing.citizen()
    clerk = testing.staff("clerk_maonan", Role.CLERK, "440902")
    reviewer = testing.staff("reviewer_maonan", Role.REVIEWER, "440902")
    walk_ins = {
        name: testing.person(name=name, region=testing.MAONAN_TOWN) for name in ("李梅", "王建国", "陈晓红", "黄志强")
    }
    online = file_case(code=UNEMPLOYMENT_BENEFIT, applicant=citizen.person, actor=citizen)
    training = file_case(
        code="RS-PX-001", applicant=walk_ins["李梅"], actor=clerk, channel="window"
    )  # 职业培训补贴申领
    hardship = file_case(
        code="RS-JY-004", applicant=walk_ins["王建国"], actor=clerk, channel="window"
    )  # 就业困难人员认定
    archive = file_case(code="RS-RS-004", applicant=walk_ins["陈晓红"], actor=clerk, channel="window")  # 人事档案接收
    card = file_case(code="RS-KA-001", applicant=walk_ins["黄志强"], actor=clerk, channel="window")  # 社会保障卡申领
    _due_in(online, 4)
    _due_in(training, 1)
    _due_in(hardship, 0)
    _due_in(archive, -2)
    act(card, "accept", clerk)
    act(card, "approve", reviewer)  # decided, waiting to be delivered: off the clock
    expected = {
        online: ("success", "剩余 4 个工作日"),
        training: ("warning", "剩余 1 个工作日"),
        hardship: ("warning", "剩余 0 个工作日"),
        archive: ("danger", "超期 2 个工作日"),
    }

    login(page, "clerk_maonan")
    page.goto("/cases/queue/")
    rows = page.get_by_test_id("case-row")
    expect(rows).to_have_count(5)
    for case, (tone, text) in expected.items():
        row = rows.filter(has_text=case.number)
        expect(row).to_have_attribute("data-tone", tone)
        expect(row).to_have_class(re.compile(rf"\btable-{tone}\b"))
        expect(row.get_by_test_id("time-left")).to_have_text(text)
        expect(row.get_by_test_id("time-left")).to_have_class(re.compile(rf"\btext-bg-{tone}\b"))
    decided = rows.filter(has_text=card.number)
    expect(decided).to_contain_text("准予办理")
    expect(decided.get_by_test_id("time-left")).to_have_count(0)
    expect(rows.filter(has_text=online.number)).to_contain_text("掌上申请")
    expect(rows.filter(has_text=training.number)).to_contain_text("窗口代办")
    page.screenshot(path=SCREENSHOT, full_page=True)

    page.get_by_label("时限状态").select_option(label="超期")  # the filter form submits itself (htmx)
    expect(rows).to_have_count(1)
    expect(rows).to_contain_text(archive.number)
    page.get_by_label("时限状态").select_option(label="全部时限状态")
    expect(rows).to_have_count(5)

    asked = accept_confirmations(page)
    page.get_by_label(f"选择 {online.number}").check()
    page.get_by_label(f"选择 {archive.number}").check()
    page.get_by_role("button", name="批量受理").click()
    expect(page.locator(".alert-success")).to_contain_text(f"已受理 2 件：{archive.number}、{online.number}")
    assert asked == ["确认对勾选的办件批量“受理”？"]
    expect(rows).to_have_count(3)
    expect(rows.filter(has_text=online.number)).to_have_count(0)
    assert Case.objects.get(pk=online.pk).status == Status.IN_REVIEW
    assert Case.objects.get(pk=archive.pk).status == Status.IN_REVIEW
