"""A worker on a phone applies for labour-dispute mediation: a wrong amount is refused with the reason,
the fixed application goes to the town's committee, and the case shows on the phone with its progress."""

import re

import pytest
from playwright.sync_api import expect

from renshe import testing
from renshe.core.models import Region
from renshe.labour.mediation.models import Level, MediationCase, Organisation, Status
from tests_browser.support import PHONE, login, submit

pytestmark = pytest.mark.browser

SCREENSHOT = "docs/screenshots/mediation-apply-mobile.png"


def test_citizen_applies_for_mediation_on_a_phone(new_page, watcher):
    watcher.allow_status(400, "/labour/mediation/my/apply/")
    testing.citizen()
    town = Organisation.objects.create(
        name="红旗街道劳动争议调解委员会", level=Level.TOWN, region=Region.objects.get(pk=testing.MAONAN_TOWN)
    )
    Organisation.objects.create(name="茂南区劳动人事争议调解中心", level=Level.DISTRICT, region_id="440902")

    phone = new_page(viewport=PHONE)
    login(phone, "citizen_zs")
    phone.goto("/labour/mediation/my/")
    phone.get_by_role("link", name="申请调解").click()
    expect(phone.get_by_role("heading", name="申请劳动争议调解")).to_be_visible()
    expect(phone.get_by_label(re.compile(r"^申请调解的组织"))).to_have_value(str(town.pk))
    phone.get_by_label(re.compile(r"^被申请单位名称")).fill("茂名市某某五金制品厂")
    phone.get_by_label(re.compile(r"^被申请单位地址")).fill("红旗街道工业路2号")
    phone.get_by_label("请求类别 1").select_option("economic_compensation")
    phone.get_by_label("金额（元） 1").fill("-500")
    phone.get_by_label(re.compile(r"^事实与理由")).fill("公司解除劳动合同未支付经济补偿。")
    submit(phone, phone.get_by_role("button", name="提交申请"))
    expect(phone.locator('[data-field-error="items"]')).to_contain_text("金额不能为负数")
    assert not MediationCase.objects.exists()

    phone.get_by_label("金额（元） 1").fill("12000")
    phone.get_by_label("请求类别 2").select_option("wages")
    phone.get_by_label("金额（元） 2").fill("5600")
    phone.get_by_label("起始日期 2").fill("2025-05-01")
    phone.get_by_label("截止日期 2").fill("2025-06-30")
    submit(phone, phone.get_by_role("button", name="提交申请"))
    case = MediationCase.objects.get()
    expect(phone).to_have_url(re.compile(rf"/labour/mediation/my/{case.pk}/$"))
    expect(phone.get_by_test_id("case-status")).to_have_text("待受理")
    expect(phone.get_by_test_id("timeline")).to_contain_text("提交调解申请")
    assert case.status == Status.PENDING and case.organisation == town and case.items.count() == 2
    phone.screenshot(path=SCREENSHOT, full_page=True)

    phone.goto("/labour/mediation/my/")
    expect(phone.get_by_test_id("my-case")).to_contain_text(case.number)
