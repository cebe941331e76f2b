"""An arbitrator accepts a wage claim, forms the tribunal, schedules the hearing (a double-booked room is
refused on screen), issues the award and downloads the award PDF."""

import re

import pytest
from playwright.sync_api import expect

from renshe import testing
from renshe.labour import services, services_hearings
from renshe.labour.models import ArbitrationCase, Status
from renshe.labour.tests import factories as f
from tests_browser.support import DESKTOP, login, submit

pytestmark = pytest.mark.browser

SCREENSHOT = "docs/screenshots/labour-arbitration-case.png"


def test_arbitrator_takes_a_case_to_the_award(new_page, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    citizen = testing.citizen()
    arb = f.arbitrator("arbitrator_a")
    other_arb = f.arbitrator("arbitrator_b")
    room = f.room()
    day = f.next_free_day(7)
    # Another case already holds the room at 09:00 that day.
    busy = f.apply(citizen, respondent_name="茂名市另一劳务队")
    busy = services.arbitration_transition(case=busy, action="accept", actor=arb)
    services_hearings.arbitration_form_tribunal(case=busy, actor=arb, arbitrator_ids=[other_arb.pk])
    services_hearings.arbitration_schedule_hearing(case=busy, actor=arb, room=room, starts_at=f.at(day, 9))
    case = f.apply(citizen)

    page = new_page(viewport=DESKTOP)
    login(page, "arbitrator_a")
    page.goto("/labour/arbitration/")
    page.get_by_role("link", name=case.number).click()
    expect(page.get_by_test_id("status")).to_have_text("待受理")
    submit(page, page.get_by_test_id("act-accept-submit"))
    expect(page.get_by_test_id("status")).to_have_text("已受理")

    page.get_by_label("arbitrator_a").check()
    submit(page, page.get_by_test_id("form-tribunal-submit"))
    expect(page.get_by_test_id("tribunal")).to_contain_text("arbitrator_a")

    page.get_by_test_id("hearing-day").fill(day.isoformat())
    page.get_by_test_id("hearing-time").fill("09:30")
    submit(page, page.get_by_test_id("schedule-submit"))
    expect(page.locator(".alert-danger, .alert-error")).to_contain_text("不能重复预订")
    expect(page.get_by_test_id("status")).to_have_text("已受理")

    page.get_by_test_id("hearing-day").fill(day.isoformat())
    page.get_by_test_id("hearing-time").fill("14:00")
    submit(page, page.get_by_test_id("schedule-submit"))
    expect(page.get_by_test_id("status")).to_have_text("已排期")
    expect(page.get_by_test_id("hearing")).to_contain_text("14:00")

    page.get_by_test_id("award-reasoning").fill("被申请人拖欠工资及加班费，事实清楚，证据充分。")
    submit(page, page.get_by_test_id("award-submit"))
    expect(page.get_by_test_id("status")).to_have_text("已裁决")
    page.screenshot(path=SCREENSHOT, full_page=True)
    with page.expect_download() as info:
        page.get_by_test_id("download-award").click()
    path = info.value.path()
    with open(path, "rb") as fh:
        assert fh.read(5) == b"%PDF-"
    case.refresh_from_db()
    assert case.status == Status.AWARDED and case.documents.filter(kind="award").exists()
    assert ArbitrationCase.objects.get(pk=busy.pk).hearings.count() == 1
    assert re.match(r"MZLR\d{14}", case.number)
