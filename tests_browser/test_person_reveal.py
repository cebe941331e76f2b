"""A person's record shows masked personal data; revealing it is an audited act the auditor can see."""

import re

import pytest
from playwright.sync_api import expect

from renshe import testing
from renshe.accounts.models import Role
from renshe.core.identity import mask_resident_id
from tests_browser.support import login

pytestmark = pytest.mark.browser


def test_reveal_shows_the_full_number_and_the_auditor_sees_it_logged(new_page, site):
    testing.staff("clerk_maonan", Role.CLERK, "440902")
    testing.staff("auditor", Role.AUDITOR, "440900")
    person = testing.person(name="张三", region=testing.MAONAN_TOWN, phone="13812345678")

    clerk = new_page()
    login(clerk, "clerk_maonan")
    clerk.goto("/registry/persons/")
    clerk.get_by_role("row", name=re.compile("张三")).get_by_role("link", name="查看").click()

    expect(clerk).to_have_url(re.compile(rf"/registry/persons/{person.pk}/$"))
    expect(clerk.get_by_role("heading", name="张三")).to_be_visible()
    id_cell = clerk.get_by_test_id("id-number")
    expect(id_cell).to_have_text(re.compile(r"^440902\*{8}\d{3}[\dX]$"))
    expect(id_cell).to_have_text(mask_resident_id(person.id_number))
    expect(clerk.get_by_test_id("phone")).to_have_text("138****5678")
    assert person.id_number not in clerk.content()

    clerk.get_by_test_id("reveal").click()

    revealed = clerk.get_by_test_id("revealed")
    expect(revealed).to_contain_text(person.id_number)
    expect(revealed).to_contain_text("13812345678")
    expect(revealed).to_contain_text("本次查看已记入审计日志")

    auditor = new_page()
    login(auditor, "auditor")
    auditor.goto("/audit/")
    entry = auditor.get_by_test_id("audit-table").get_by_role("row").filter(has_text="查看敏感信息")
    expect(entry).to_have_count(1)
    expect(entry).to_contain_text("clerk_maonan")
    expect(entry).to_contain_text(f"registry.person #{person.pk}")
    # The trail says that the number was seen, not what it is.
    expect(auditor.get_by_test_id("audit-table")).not_to_contain_text(person.id_number)
