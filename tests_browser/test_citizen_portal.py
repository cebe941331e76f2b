"""A citizen registers with their real name, sees their own masked record, and nothing of the workbench."""

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from renshe import testing
from renshe.accounts.models import User
from renshe.core.identity import mask_resident_id
from tests_browser.support import login, submit

pytestmark = pytest.mark.browser


def test_citizen_self_registers_and_sees_only_their_own_record(page, site, watcher):
    watcher.allow_status(403, "/registry/persons/")
    number = testing.id_number("440902", date(1995, 8, 20), female=True)
    other = testing.person(name="王五", region=testing.MAONAN_TOWN)

    page.goto("/portal/")
    page.get_by_role("main").get_by_role("link", name="个人注册").click()
    expect(page.get_by_role("heading", name="个人实名注册")).to_be_visible()
    page.get_by_label(re.compile(r"^用户名")).fill("lin_xiaoyan")
    page.get_by_label(re.compile(r"^密码")).fill("Lin@2026pass")
    page.get_by_label(re.compile(r"^确认密码")).fill("Lin@2026pass")
    page.get_by_label(re.compile(r"^姓名")).fill("林晓燕")
    page.get_by_label(re.compile(r"^身份证号码")).fill(number)
    page.get_by_label(re.compile(r"^手机号码")).fill("13700001111")
    page.get_by_label(re.compile(r"^居住地（镇/街道）")).select_option(testing.MAONAN_TOWN)
    submit(page, page.get_by_role("button", name="注册"))

    expect(page).to_have_url(re.compile(r"/portal/$"))
    expect(page.locator(".alert-success")).to_contain_text("注册成功")
    record = page.get_by_test_id("my-record")
    expect(record).to_contain_text("我的信息")
    expect(record).to_contain_text("林晓燕")
    expect(record).to_contain_text(mask_resident_id(number))
    expect(record).to_contain_text("137****1111")
    expect(page.locator("body")).not_to_contain_text(number)
    assert User.objects.get(username="lin_xiaoyan").person.id_number == number

    response = page.goto("/registry/persons/")
    assert response.status == 403
    expect(page.get_by_test_id("error-403")).to_contain_text("无权访问")
    expect(page.locator("body")).not_to_contain_text("王五")
    expect(page.locator("body")).not_to_contain_text(other.id_number[-4:])


def test_citizen_persona_signs_in_to_the_portal(page, site):
    citizen = testing.citizen()

    login(page, "citizen_zs")

    expect(page).to_have_url(re.compile(r"/portal/$"))
    record = page.get_by_test_id("my-record")
    expect(record).to_contain_text("张三")
    expect(record).to_contain_text(mask_resident_id(citizen.person.id_number))
    expect(page.get_by_role("link", name="工作台")).to_have_count(0)
    record.get_by_role("link", name="查看详情").click()
    expect(page).to_have_url(re.compile(r"/registry/me/$"))
    expect(page.locator("body")).to_contain_text(mask_resident_id(citizen.person.id_number))
