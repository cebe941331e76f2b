"""Two reviewers open the same case; the first approves, the second (on a stale page) is told that
someone else has acted, and the case history holds a single approval."""

import pytest
from playwright.sync_api import expect

from renshe import testing
from renshe.accounts.models import Role
from renshe.cases.models import Status
from tests_browser.support import login
from tests_browser.support_cases import act, file_case, real_catalogue, staff_act

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_second_reviewer_on_a_stale_page_gets_the_conflict_and_one_approval_is_recorded(new_page, watcher):
    real_catalogue()
    citizen = testing.citizen()
    clerk = testing.staff("clerk_maonan", Role.CLERK, "440902")
    testing.staff("reviewer_maonan", Role.REVIEWER, "440902")
    testing.staff("reviewer_maonan_2", Role.REVIEWER, "440902")
    case = file_case(code="RS-SB-009", applicant=citizen.person, actor=citizen)  # 失业保险关系转移: one review level
    act(case, "accept", clerk)
    watcher.allow_status(409, f"/cases/queue/{case.pk}/act/")

    first, second = new_page(), new_page()
    login(first, "reviewer_maonan")
    login(second, "reviewer_maonan_2")
    for page in (first, second):
        page.goto(f"/cases/queue/{case.pk}/")
        expect(page.get_by_test_id("case-status")).to_have_text("审核中")
        expect(page.get_by_test_id("action-approve")).to_have_text("审核通过（第1级）")

    assert staff_act(first, "approve", "材料齐全，同意转移。").status == 302
    expect(first.locator(".alert-success")).to_contain_text("已审核通过，当前状态“准予办理”")

    assert staff_act(second, "approve", "同意。").status == 409
    expect(second.locator(".alert-danger")).to_have_text(
        f"办件 {case.number} 已被他人处理（当前状态：准予办理），请刷新后重试"
    )
    # The page now shows the case as it is: decided, with nothing left for a reviewer to do.
    expect(second.get_by_test_id("case-status")).to_have_text("准予办理")
    expect(second.get_by_test_id("action-approve")).to_have_count(0)
    expect(second.get_by_test_id("case-actions")).to_contain_text("当前环节无需您办理")
    steps = second.get_by_test_id("timeline").get_by_role("listitem")
    expect(steps.filter(has_text="审核中 → 准予办理")).to_have_count(1)
    expect(second.get_by_test_id("timeline")).to_contain_text("材料齐全，同意转移。")

    case.refresh_from_db()
    assert case.status == Status.APPROVED
    approvals = case.transitions.filter(action="approve")
    assert [(t.actor.username, t.comment) for t in approvals] == [("reviewer_maonan", "材料齐全，同意转移。")]
