"""A clerk finds people from the search box; the table updates in place (htmx) as they type."""

import re

import pytest
from playwright.sync_api import expect

from renshe import testing
from renshe.accounts.models import Role
from tests_browser.support import login

pytestmark = pytest.mark.browser


@pytest.fixture
def people(site):
    testing.staff("clerk_maonan", Role.CLERK, "440902")
    return {
        "张三": testing.person(name="张三", region=testing.MAONAN_TOWN),
        "张丽": testing.person(name="张丽", region=testing.MAONAN_TOWN),
        "王五": testing.person(name="王五", region=testing.MAONAN_TOWN),
        # Same initials as 张三, but in 高州市: a 茂南区 clerk must never find this one.
        "张森": testing.person(name="张森", region=testing.GAOZHOU_TOWN),
    }


def _names(page):
    """The name column of the result table (newest first)."""
    return page.get_by_test_id("person-table").locator("tbody tr td:first-child")


def _search(page, text: str) -> None:
    box = page.get_by_role("searchbox", name="搜索")
    box.fill("")
    box.press_sequentially(text)


def test_search_by_initials_updates_the_table_in_place(page, people):
    login(page, "clerk_maonan")
    page.goto("/registry/persons/")
    expect(_names(page)).to_have_text(["王五", "张丽", "张三"])  # own district only, no 张森
    page.evaluate("window.__sameDocument = true")

    _search(page, "zs")

    expect(_names(page)).to_have_text(["张三"])
    expect(page).to_have_url(re.compile(r"[?&]q=zs"))
    # Updated by htmx, not by loading a new page.
    assert page.evaluate("window.__sameDocument") is True


def test_search_by_full_identity_number_and_by_name_prefix(page, people):
    login(page, "clerk_maonan")
    page.goto("/registry/persons/")
    expect(_names(page)).to_have_text(["王五", "张丽", "张三"])

    _search(page, people["张丽"].id_number)
    expect(_names(page)).to_have_text(["张丽"])

    _search(page, "张")
    expect(_names(page)).to_have_text(["张丽", "张三"])

    _search(page, "zsen")
    expect(page.get_by_test_id("person-table")).to_contain_text("没有符合条件的人员")
