"""At the counter a clerk finds the person who walked in by identity number, chooses the item, uploads
what they brought (one material deferred under a signed paper commitment), files and accepts at once."""

import re

import pytest
from playwright.sync_api import expect

from renshe import testing
from renshe.accounts.models import Role
from renshe.cases.models import Case, Channel, MaterialStatus, Status
from tests_browser.support import login
from tests_browser.support_cases import labelled, pdf_file, real_catalogue, staff_act

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_clerk_applies_at_the_window_for_a_walk_in_and_accepts_at_once(page, tmp_path):
    real_catalogue()
    testing.staff("clerk_maonan", Role.CLERK, "440902")
    person = testing.person(name="李梅", region=testing.MAONAN_TOWN, phone="13922223333")

    login(page, "clerk_maonan")
    page.goto("/cases/queue/")
    page.get_by_role("main").get_by_role("link", name="窗口受理").click()
    expect(page.get_by_role("heading", name="窗口受理：查找申请人")).to_be_visible()
    page.get_by_label("申请人身份证号码").fill(person.id_number)
    page.get_by_role("button", name="查找").click()

    expect(page.get_by_role("heading", name="窗口受理：选择事项")).to_be_visible()
    applicant = page.get_by_test_id("applicant")
    expect(applicant).to_contain_text("李梅")
    expect(applicant).to_contain_text(person.masked_id_number)
    expect(applicant).not_to_contain_text(person.id_number)
    page.get_by_test_id("window-items").get_by_role("link").filter(has_text="RS-JY-004").click()

    expect(page.get_by_role("heading", name="窗口受理：就业困难人员认定")).to_be_visible()
    labelled(page, "认定类别").select_option("大龄失业人员")
    page.get_by_label("户籍所在地").fill("茂名市茂南区红旗街道")
    labelled(page, "居民身份证或社会保障卡").set_input_files(pdf_file(tmp_path, "身份证.pdf"))
    labelled(page, "就业困难人员认定申请表").set_input_files(pdf_file(tmp_path, "申请表.pdf"))
    page.get_by_label("容缺，承诺后补").check()
    page.get_by_label("容缺受理承诺内容").fill("本人承诺在5个工作日内补交认定类别证明材料。")
    page.get_by_label("申请人已在纸质承诺书上签字").check()
    page.get_by_role("button", name="提交申请").click()

    expect(page).to_have_url(re.compile(r"/cases/queue/\d+/$"))
    case = Case.objects.get(applicant=person)
    expect(page.locator(".alert-success")).to_contain_text(f"已录入申请：{case.number}。核对材料后即可受理。")
    expect(page.get_by_test_id("case-status")).to_have_text("待受理")
    expect(page.get_by_role("main")).to_contain_text("窗口代办（clerk_maonan 录入）")
    materials = page.get_by_test_id("case-materials")
    expect(materials.get_by_role("row").filter(has_text="身份证")).to_contain_text("身份证.pdf")
    expect(materials.get_by_role("row").filter(has_text="认定类别的证明材料")).to_contain_text("容缺待补")

    assert staff_act(page, "accept").status == 302
    expect(page.locator(".alert-success")).to_contain_text(f"办件 {case.number}：已受理，当前状态“审核中”")
    expect(page.get_by_test_id("case-status")).to_have_text("审核中")
    expect(page.get_by_test_id("review-step")).to_have_text("第 1/2 级：镇（街道）初审（审核员）")
    deadlines = page.get_by_test_id("deadlines")
    expect(deadlines).to_contain_text("容缺材料补交期限")
    expect(deadlines).to_contain_text("本人承诺在5个工作日内补交认定类别证明材料。")
    expect(page.get_by_role("link", name="受理通知书")).to_be_visible()

    case.refresh_from_db()
    assert (case.status, case.channel, case.created_by.username) == (Status.IN_REVIEW, Channel.WINDOW, "clerk_maonan")
    assert case.materials.filter(status=MaterialStatus.DEFERRED).count() == 1
    assert case.deferred_until is not None
