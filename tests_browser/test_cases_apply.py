"""A citizen on a phone finds an item in the real catalogue, reads its guide and applies online:
失业登记 is approved at once (秒批); 失业保险金申领 is filed with one material deferred under 容缺受理."""

import re

import pytest
from playwright.sync_api import expect

from renshe import testing
from renshe.cases.models import Case, MaterialStatus, Status
from tests_browser.support import PHONE, login
from tests_browser.support_cases import (
    UNEMPLOYMENT_BENEFIT,
    UNEMPLOYMENT_REGISTRATION,
    labelled,
    open_message,
    pdf_file,
    real_catalogue,
)

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"  # uploads and notices; the live server shares settings


def _search(page, words: str) -> None:
    page.goto("/services/")
    page.get_by_role("searchbox").fill(words)
    page.get_by_role("button", name="搜索").click()
    expect(page).to_have_url(re.compile(r"/services/\?q="))


def _fits(page) -> None:
    widths = page.evaluate("[document.scrollingElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], f"{page.url} scrolls sideways: {widths}"


def test_citizen_finds_unemployment_registration_reads_the_guide_and_is_approved_at_once(new_page, tmp_path):
    real_catalogue()
    citizen = testing.citizen()
    page = new_page(viewport=PHONE)
    login(page, "citizen_zs")

    _search(page, "失业登记")
    cards = page.get_by_test_id("item-card")
    expect(cards.filter(has_text="失业登记")).to_have_count(1)
    expect(page.get_by_test_id("bundle-card").filter(has_text="失业一件事")).to_be_visible()
    _fits(page)

    cards.filter(has_text="失业登记").click()
    expect(page).to_have_url(re.compile(rf"/services/{UNEMPLOYMENT_REGISTRATION}/$"))
    expect(page.get_by_role("heading", name="失业登记", exact=True)).to_be_visible()
    materials = page.get_by_test_id("materials")
    expect(materials).to_contain_text("居民身份证或社会保障卡")
    expect(materials).to_contain_text("失业人员登记表")
    expect(materials.get_by_text("必交")).to_have_count(2)
    expect(page.get_by_test_id("promised-limit")).to_have_text("即时办结")
    expect(page.get_by_test_id("legal-limit")).to_have_text("1 个工作日")
    expect(page.get_by_test_id("conditions")).to_contain_text("处于无业状态")
    _fits(page)

    page.get_by_test_id("apply-online").click()
    expect(page.get_by_role("heading", name="在线申请：失业登记")).to_be_visible()
    page.get_by_label("失业原因").select_option("劳动合同期满终止")
    page.get_by_label("失业日期").fill("2026-10-31")
    page.get_by_label("登记地").select_option("常住地")
    labelled(page, "居民身份证或社会保障卡").set_input_files(pdf_file(tmp_path, "身份证.pdf"))
    labelled(page, "失业人员登记表").set_input_files(pdf_file(tmp_path, "登记表.pdf"))
    _fits(page)
    page.get_by_role("button", name="提交申请").click()

    expect(page).to_have_url(re.compile(r"/cases/mine/\d+/$"))
    case = Case.objects.get(applicant=citizen.person)
    expect(page.locator(".alert-success").first).to_contain_text(
        f"秒批办结：系统自动核验通过，“失业登记”已当场办结（办件编号 {case.number}）"
    )
    banner = page.get_by_test_id("auto-approved")
    expect(banner).to_contain_text("秒批办结")
    expect(banner).to_contain_text("实名信息已核验")
    expect(banner).to_contain_text("居住地在茂名市")
    expect(page.get_by_test_id("case-status")).to_have_text("已办结")
    steps = page.get_by_test_id("timeline-step")
    expect(steps).to_have_count(2)
    expect(steps.nth(0)).to_contain_text("提交申请")
    expect(steps.nth(1)).to_contain_text("秒批办结")
    expect(steps.nth(1)).to_contain_text("系统")
    _fits(page)
    assert case.status == Status.CLOSED and case.auto_approved

    open_message(page, "秒批办结：失业登记")
    expect(page.get_by_test_id("message")).to_contain_text("秒批：系统自动核验通过")
    page.get_by_test_id("message-link").click()
    expect(page).to_have_url(re.compile(rf"/cases/mine/{case.pk}/$"))


def test_citizen_applies_with_a_material_deferred_under_a_signed_commitment(new_page, watcher, tmp_path):
    watcher.allow_status(400, f"/services/{UNEMPLOYMENT_BENEFIT}/apply/")
    real_catalogue()
    citizen = testing.citizen()
    page = new_page(viewport=PHONE)
    login(page, "citizen_zs")

    _search(page, "失业保险金")
    page.get_by_test_id("item-card").filter(has_text="失业保险金申领").click()
    expect(page.get_by_role("heading", name="失业保险金申领")).to_be_visible()
    deferrable = page.get_by_test_id("materials").get_by_role("row").filter(has_text="终止或解除劳动关系证明")
    expect(deferrable).to_contain_text("可容缺")
    expect(page.get_by_test_id("promised-limit")).to_contain_text("5 个工作日")
    expect(page.get_by_test_id("legal-limit")).to_have_text("7 个工作日")
    expect(page.get_by_test_id("steps").get_by_role("listitem")).to_have_text(
        [re.compile("受理"), re.compile("资格审核"), re.compile("待遇核定")]
    )

    page.get_by_test_id("apply-online").click()
    expect(page.get_by_role("heading", name="在线申请：失业保险金申领")).to_be_visible()

    def fill_in() -> None:
        page.get_by_label("中断就业原因").select_option("用人单位解除劳动合同")
        page.get_by_label("终止或解除劳动关系日期").fill("2026-10-31")
        page.get_by_label("原用人单位").fill("茂名市示范制造有限公司")
        labelled(page, "居民身份证或社会保障卡").set_input_files(pdf_file(tmp_path, "身份证.pdf"))
        labelled(page, "本人社会保障卡银行账户信息").set_input_files(pdf_file(tmp_path, "银行账户.pdf"))
        page.get_by_label("容缺受理，承诺后补").check()

    # 容缺 without the commitment: refused, and nothing is filed.
    fill_in()
    page.get_by_role("button", name="提交申请").click()
    expect(page.get_by_test_id("form-errors")).to_contain_text("申请未提交")
    expect(page.locator('[data-field-error="commitment"]')).to_contain_text(
        "容缺受理须签署承诺书，承诺在期限内补交：用人单位出具的终止或解除劳动关系证明"
    )
    assert not Case.objects.exists()

    fill_in()  # the page asks for the files again
    page.get_by_label("容缺受理承诺书").fill("本人承诺在受理后5个工作日内补交用人单位出具的解除劳动关系证明。")
    _fits(page)
    page.get_by_role("button", name="提交申请").click()

    expect(page).to_have_url(re.compile(r"/cases/mine/\d+/$"))
    case = Case.objects.get(applicant=citizen.person)
    expect(page.locator(".alert-success").first).to_contain_text(f"申请已提交，办件编号 {case.number}")
    expect(page.get_by_test_id("case-status")).to_have_text("待受理")
    expect(page.get_by_test_id("days-left")).to_have_text("剩 5 个工作日")
    expect(page.get_by_test_id("auto-approved")).to_have_count(0)
    materials = page.get_by_test_id("materials")
    expect(materials.get_by_role("listitem").filter(has_text="终止或解除劳动关系证明")).to_contain_text("容缺待补")
    expect(materials.get_by_role("listitem").filter(has_text="身份证")).to_contain_text("已提交")
    supply = page.get_by_test_id("supply")
    expect(supply).to_contain_text("本人承诺在受理后5个工作日内补交")
    step = page.get_by_test_id("timeline-step")
    expect(step).to_have_count(1)
    expect(step).to_contain_text("提交申请")
    expect(step).to_contain_text("待受理")
    expect(step).to_contain_text("申请人")
    expect(step).to_contain_text("容缺材料：用人单位出具的终止或解除劳动关系证明")
    _fits(page)
    assert case.status == Status.SUBMITTED
    assert case.materials.get(material__requirement="deferrable").status == MaterialStatus.DEFERRED

    open_message(page, "您的申请已提交：失业保险金申领")
    expect(page.get_by_test_id("message")).to_contain_text(f"办件编号 {case.number}")
