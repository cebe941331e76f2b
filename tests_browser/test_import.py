"""A clerk imports people from a CSV file in "only the good rows" mode and sees which row failed and why."""

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


def test_import_good_rows_only_lists_the_bad_row_with_its_reason(page, site, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"  # the uploaded file is kept there; the live server shares settings
    testing.staff("clerk_maonan", Role.CLERK, "440902")
    good = testing.id_number("440902", date(1992, 4, 1))
    body = testing.id_number("440902", date(1994, 7, 15), female=True)[:17]
    wrong = next(c for c in "0123456789X" if c != resident_id_check_char(body))
    csv = (
        "姓名,身份证号码,手机号码,居住地区划代码\r\n"
        f"梁志明,{good},13902220001,{testing.MAONAN_TOWN}\r\n"
        f"黄小燕,{body}{wrong},13902220002,{testing.MAONAN_TOWN}\r\n"
    ).encode()

    login(page, "clerk_maonan")
    page.goto("/registry/persons/")
    page.get_by_role("link", name="批量导入").first.click()
    expect(page).to_have_url(re.compile(r"/registry/imports/$"))
    form = page.get_by_test_id("import-form")
    form.get_by_label("人员", exact=True).check()
    form.get_by_label("只导入正确的行").check()
    # The file input has no <label> of its own (the template titles it with a <div>).
    form.locator("input[type=file]").set_input_files({"name": "人员名单.csv", "mimeType": "text/csv", "buffer": csv})
    submit(page, form.get_by_role("button", name="开始导入"))

    expect(page).to_have_url(re.compile(r"/registry/imports/\d+/$"))
    expect(page.get_by_test_id("import-finished")).to_be_visible(timeout=20_000)
    expect(page.get_by_test_id("import-file")).to_have_text("人员名单.csv")
    expect(page.get_by_test_id("import-message")).to_contain_text("已导入 1 条；1 行有错误未导入")
    expect(page.get_by_test_id("count-total")).to_have_text("2")
    expect(page.get_by_test_id("count-created")).to_have_text("1")
    expect(page.get_by_test_id("count-failed")).to_have_text("1")
    error_rows = page.get_by_test_id("import-errors").locator("tbody tr")
    expect(error_rows).to_have_count(1)
    expect(error_rows.locator("td")).to_have_text(
        ["3", "身份证号码", f"身份证号码校验位错误：末位应为 {resident_id_check_char(body)}，实际为 {wrong}"]
    )
    assert list(Person.objects.values_list("name", flat=True)) == ["梁志明"]

    page.get_by_role("link", name="返回导入记录").click()
    job_row = page.get_by_test_id("import-jobs").locator("tbody tr").first
    expect(job_row).to_contain_text("人员名单.csv")
    expect(job_row).to_contain_text("只导入正确的行")
