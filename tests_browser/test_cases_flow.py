"""One case from filing to a bad rating: the clerk (PC) issues a 一次性告知, the citizen (phone) re-supplies
the material, the clerk accepts, two review levels approve, the clerk delivers, the citizen sees the
notices and rates 非常不满意, and the reviewer finds the rectification task."""

import re

import pytest
from playwright.sync_api import expect

from renshe import testing
from renshe.accounts.models import Role
from renshe.cases.models import Rectification, Status
from tests_browser.support import PHONE, login
from tests_browser.support_cases import (
    UNEMPLOYMENT_BENEFIT,
    file_case,
    labelled,
    open_message,
    pdf_file,
    real_catalogue,
    staff_act,
)

pytestmark = pytest.mark.browser

SCREENSHOT = "docs/screenshots/case-timeline-mobile.png"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_case_from_one_time_notice_to_rectification_of_a_bad_rating(new_page, tmp_path):
    real_catalogue()
    citizen_user = testing.citizen()
    testing.staff("clerk_maonan", Role.CLERK, "440902")
    testing.staff("reviewer_maonan", Role.REVIEWER, "440902")
    case = file_case(code=UNEMPLOYMENT_BENEFIT, applicant=citizen_user.person, actor=citizen_user)

    # --- the clerk, on a PC, finds the case in the queue and issues a one-time complete notice
    clerk = new_page()
    login(clerk, "clerk_maonan")
    clerk.goto("/cases/queue/")
    row = clerk.get_by_test_id("case-row").filter(has_text=case.number)
    expect(row).to_have_attribute("data-tone", "success")
    expect(row).to_contain_text("失业保险金申领")
    expect(row).to_contain_text("张三")
    expect(row).to_contain_text("待受理")
    expect(row.get_by_test_id("time-left")).to_have_text("剩余 5 个工作日")
    expect(row.get_by_test_id("time-left")).to_have_class(re.compile(r"\btext-bg-success\b"))
    row.get_by_role("link", name="办理").click()

    expect(clerk).to_have_url(re.compile(rf"/cases/queue/{case.pk}/$"))
    expect(clerk.get_by_test_id("case-status")).to_have_text("待受理")
    notice = clerk.locator('form[data-action="request_correction"]')
    notice.get_by_label("本人社会保障卡银行账户信息").check()
    expect(notice.locator("label[for=id_request_correction_comment]")).to_have_text("其他需补正的内容")
    notice.locator("textarea[name=comment]").fill("银行账户信息截图不清晰，请上传社会保障卡银行账户的清晰截图。")
    notice.get_by_test_id("action-request_correction").click()
    expect(clerk.locator(".alert-success")).to_contain_text(f"办件 {case.number}：已一次性告知补正，当前状态“待补正”")
    expect(clerk.get_by_test_id("case-status")).to_have_text("待补正")
    materials = clerk.get_by_test_id("case-materials")
    expect(materials.get_by_role("row").filter(has_text="本人社会保障卡银行账户信息")).to_contain_text("缺少")

    # --- the citizen, on a phone, is told and re-supplies the material
    phone = new_page(viewport=PHONE)
    login(phone, "citizen_zs")
    open_message(phone, "请补正材料：失业保险金申领")
    message = phone.get_by_test_id("message")
    expect(message).to_contain_text("一次性告知，请补正以下全部材料：")
    expect(message).to_contain_text("1. 本人社会保障卡银行账户信息（电子件 1 份）")
    expect(message).to_contain_text("其他说明：银行账户信息截图不清晰")
    phone.get_by_test_id("message-link").click()
    expect(phone.get_by_test_id("case-status")).to_have_text("待补正")
    resubmit = phone.get_by_test_id("resubmit")
    expect(resubmit).to_contain_text("1. 本人社会保障卡银行账户信息")
    labelled(phone, "本人社会保障卡银行账户信息").set_input_files(pdf_file(tmp_path, "银行账户清晰截图.pdf"))
    resubmit.get_by_label("补正说明").fill("已重新上传清晰的银行账户截图。")
    resubmit.get_by_role("button", name="提交补正材料").click()
    expect(phone.locator(".alert-success")).to_contain_text("补正材料已提交，等待窗口重新受理审查")
    expect(phone.get_by_test_id("case-status")).to_have_text("待受理")
    expect(phone.get_by_test_id("materials").get_by_role("listitem").filter(has_text="银行账户")).to_contain_text(
        "已提交"
    )

    # --- the clerk accepts
    clerk.reload()
    expect(clerk.get_by_test_id("case-status")).to_have_text("待受理")
    assert staff_act(clerk, "accept").status == 302
    expect(clerk.locator(".alert-success")).to_contain_text("已受理，当前状态“审核中”")
    expect(clerk.get_by_test_id("case-status")).to_have_text("审核中")
    expect(clerk.get_by_test_id("review-step")).to_have_text("第 1/2 级：资格审核（审核员）")
    expect(clerk.get_by_test_id("case-actions")).to_contain_text("当前环节无需您办理")

    # --- the reviewer approves both levels
    reviewer = new_page()
    login(reviewer, "reviewer_maonan")
    reviewer.goto("/cases/queue/")
    row = reviewer.get_by_test_id("case-row").filter(has_text=case.number)
    expect(row).to_contain_text("第1级 资格审核（审核员）")
    row.get_by_role("link", name=case.number).click()
    expect(reviewer.get_by_test_id("action-approve")).to_have_text("审核通过（第1级）")
    staff_act(reviewer, "approve", "失业前缴费满1年，符合申领条件。")
    expect(reviewer.locator(".alert-success")).to_contain_text("已审核通过，当前状态“审核中”")
    expect(reviewer.get_by_test_id("case-status")).to_have_text("审核中")
    expect(reviewer.get_by_test_id("review-step")).to_have_text("第 2/2 级：待遇核定（审核员）")
    expect(reviewer.get_by_test_id("action-approve")).to_have_text("审核通过（第2级）")
    staff_act(reviewer, "approve", "核定领取失业保险金3个月。")
    expect(reviewer.get_by_test_id("case-status")).to_have_text("准予办理")

    # --- the clerk delivers the result
    clerk.goto("/cases/queue/")
    row = clerk.get_by_test_id("case-row").filter(has_text=case.number)
    expect(row).to_contain_text("准予办理")
    row.get_by_role("link", name="办理").click()
    staff_act(clerk, "deliver")
    expect(clerk.locator(".alert-success")).to_contain_text("已送达结果并办结，当前状态“已办结”")
    expect(clerk.get_by_test_id("case-status")).to_have_text("已办结")
    expect(clerk.get_by_test_id("case-actions")).to_contain_text("办件已结束")

    # --- the citizen sees the result and the notices, and rates the service badly
    phone.reload()
    expect(phone.get_by_test_id("case-status")).to_have_text("已办结")
    expect(phone.get_by_test_id("deadlines")).to_contain_text("办结日期")
    expect(phone.get_by_test_id("documents").get_by_role("link")).to_have_text(
        ["一次性告知书", "受理通知书", "办理决定书"]
    )
    steps = phone.get_by_test_id("timeline-step")
    expect(steps).to_have_count(7)
    for n, action in enumerate(
        ["提交申请", "一次性告知补正", "补正后重新提交", "受理", "审核通过", "审核通过", "送达结果并办结"]
    ):
        expect(steps.nth(n)).to_contain_text(action)
    expect(steps.nth(1)).to_contain_text("窗口受理员（茂南区人社局）")
    expect(phone.get_by_test_id("timeline")).not_to_contain_text("clerk_maonan")  # staff by role, not by name

    rate = phone.get_by_test_id("rate")
    rate.get_by_label("办件评价").select_option(label="非常不满意")
    rate.get_by_label("窗口评价").select_option(label="不满意")
    rate.get_by_label("工作人员评价").select_option(label="基本满意")
    rate.get_by_label("评价内容").fill("补正通知说得不清楚，来回跑了两趟。")
    rate.get_by_role("button", name="提交评价").click()
    expect(phone.locator(".alert-success")).to_contain_text("感谢您的评价。我们将核实您反映的问题，整改后回复您。")
    rating = phone.get_by_test_id("rating")
    expect(rating).to_contain_text("办件：非常不满意 · 窗口：不满意 · 工作人员：基本满意")
    expect(rating).to_contain_text("来回跑了两趟")
    expect(phone.get_by_test_id("rate")).to_have_count(0)
    phone.screenshot(path=SCREENSHOT, full_page=True)

    # --- the reviewer finds the rectification task
    reviewer.goto("/cases/rectifications/")
    task = reviewer.get_by_test_id("rectification-row").filter(has_text=case.number)
    expect(task).to_contain_text("失业保险金申领")
    expect(task).to_contain_text("非常不满意")
    expect(task).to_contain_text("核实")
    expect(task).to_contain_text("剩余 15 个工作日")
    task.get_by_role("link", name="处理").click()
    expect(reviewer.get_by_test_id("stage")).to_have_text("核实")
    expect(reviewer.locator("body")).to_contain_text("补正通知说得不清楚")

    case.refresh_from_db()
    assert case.status == Status.CLOSED
    assert Rectification.objects.get(rating__case=case).stage == Rectification.Stage.VERIFY
    assert list(case.transitions.values_list("action", flat=True)) == [
        "submit",
        "request_correction",
        "resubmit",
        "accept",
        "approve",
        "approve",
        "deliver",
    ]
