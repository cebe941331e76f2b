"""A clerk registers a person at the counter; a wrong identity number is refused with a reason."""

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from renshe import testing
from renshe.accounts.models import Role
from renshe.core.identity import resident_id_check_char
from renshe.registry.models import Person
from tests_browser.support import login, submit

pytestmark = pytest.mark.browser


def _fill(page, *, name: str, id_number: str) -> None:
    page.get_by_label(re.compile(r"^姓名")).fill(name)
    page.get_by_label(re.compile(r"^身份证号码")).fill(id_number)
    page.get_by_label(re.compile(r"^手机号码")).fill("13922223333")
    page.get_by_label(re.compile(r"^居住地（镇/街道）")).select_option(testing.MAONAN_TOWN)
    submit(page, page.get_by_role("button", name="保存"))


def test_register_a_person_shows_gender_and_birth_date_from_the_number(page, site):
    testing.staff("clerk_maonan", Role.CLERK, "440902")
    number = testing.id_number("440902", date(1988, 3, 9), female=True)
    login(page, "clerk_maonan")
    page.goto("/registry/persons/")
    page.get_by_role("link", name="登记人员").click()

    _fill(page, name="陈小梅", id_number=number)

    expect(page).to_have_url(re.compile(r"/registry/persons/\d+/$"))
    expect(page.locator(".alert-success")).to_contain_text("已登记：陈小梅")
    details = page.locator("dl")
    expect(details).to_contain_text("女")
    expect(details).to_contain_text("1988-03-09")
    expect(page.get_by_test_id("id-number")).to_have_text(re.compile(rf"^440902\*{{8}}{number[-4:]}$"))
    assert Person.objects.get(id_number=number).name == "陈小梅"


def test_wrong_check_digit_is_refused_under_the_field_and_nothing_is_stored(page, site, watcher):
    watcher.allow_status(400, "/registry/persons/new/")  # a form with errors answers 400
    testing.staff("clerk_maonan", Role.CLERK, "440902")
    good = testing.id_number("440902", date(1990, 5, 17))
    wrong = next(c for c in "0123456789X" if c != resident_id_check_char(good[:17]))
    login(page, "clerk_maonan")
    page.goto("/registry/persons/new/")

    _fill(page, name="错号码", id_number=good[:17] + wrong)

    error = page.locator('[data-field-error="id_number"]')
    expect(error).to_have_text(f"身份证号码校验位错误：末位应为 {good[-1]}，实际为 {wrong}")
    # The message sits with the identity number field, and what was typed is kept for correcting.
    expect(page.locator(".mb-3", has=page.get_by_label(re.compile(r"^身份证号码")))).to_contain_text("校验位错误")
    expect(page.get_by_label(re.compile(r"^姓名"))).to_have_value("错号码")
    expect(page).to_have_url(re.compile(r"/registry/persons/new/$"))
    assert not Person.objects.exists()
