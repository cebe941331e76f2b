"""An employer files an electronic labour contract (a wage below the minimum is refused with the reason)
and imports a file with a bad row: all-or-nothing stores nothing and names the row; good-only stores the
good row."""

import re

import pytest
from playwright.sync_api import expect

from renshe.labour.contracts.models import LabourContract
from renshe.labour.contracts.tests.support import employer_with_staff, row, xlsx
from tests_browser.support import login, submit

pytestmark = pytest.mark.browser


def _fill(page, id_number: str, wage: str) -> None:
    page.get_by_label(re.compile(r"^劳动者身份证号码")).fill(id_number)
    page.get_by_label(re.compile(r"^合同类型")).select_option("fixed")
    page.get_by_label(re.compile(r"^起始日期")).fill("2025-03-01")
    page.get_by_label(re.compile(r"^终止日期")).fill("2028-02-29")
    page.get_by_label(re.compile(r"^试用期")).fill("2")
    page.get_by_label(re.compile(r"^工作岗位")).fill("注塑操作工")
    page.get_by_label(re.compile(r"^月工资")).fill(wage)
    page.get_by_label(re.compile(r"^签订日期")).fill("2025-03-01")


def test_employer_files_a_contract_and_imports_a_file_with_a_bad_row(new_page, watcher, tmp_path):
    watcher.allow_status(400, "/labour/contracts/mine/")
    _user, people = employer_with_staff(n=3)
    page = new_page()
    login(page, "employer_acme")
    page.goto("/labour/contracts/mine/")
    expect(page.get_by_role("heading", name="劳动合同")).to_be_visible()

    _fill(page, people[0].id_number, "1500")
    submit(page, page.get_by_test_id("submit-contract"))
    expect(page.locator('[data-field-error="monthly_wage"]')).to_contain_text("不得低于当地最低工资标准 1750")
    assert not LabourContract.objects.exists()

    page.get_by_label(re.compile(r"^月工资")).fill("3600")
    submit(page, page.get_by_test_id("submit-contract"))
    expect(page).to_have_url(re.compile(r"/labour/contracts/mine/\d+/$"))
    expect(page.get_by_test_id("contract-status")).to_have_text("履行中")
    expect(page.get_by_test_id("contract-fields")).to_contain_text(people[0].masked_id_number)

    # The import: one good row, one whose end is before its start.
    path = tmp_path / "合同.xlsx"
    path.write_bytes(xlsx([row(people[1].id_number), row(people[2].id_number, end_date="2024-12-31")]))
    page.goto("/labour/contracts/mine/import/")
    page.get_by_label(re.compile(r"^Excel 文件")).set_input_files(str(path))
    submit(page, page.get_by_test_id("submit-import"))
    expect(page.get_by_test_id("import-rejected")).to_be_visible()
    errors = page.get_by_test_id("import-errors")
    expect(errors).to_contain_text("3")
    expect(errors).to_contain_text("终止日期不能早于起始日期")
    assert LabourContract.objects.count() == 1

    page.get_by_label(re.compile(r"^Excel 文件")).set_input_files(str(path))
    page.get_by_label(re.compile(r"^导入方式")).select_option("good_only")
    submit(page, page.get_by_test_id("submit-import"))
    expect(page.get_by_test_id("import-counts")).to_contain_text("新增 1")
    assert LabourContract.objects.count() == 2

    page.goto("/labour/contracts/mine/")
    expect(page.get_by_test_id("contract-table").get_by_role("row")).to_have_count(3)  # header + 2
