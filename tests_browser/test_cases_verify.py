"""The page a notice's QR code opens: anyone may see the case's item, number and status, never who applied."""

import pytest
from playwright.sync_api import expect

from renshe import testing
from renshe.accounts.models import Role
from renshe.core.identity import mask_resident_id
from tests_browser.support import PHONE
from tests_browser.support_cases import UNEMPLOYMENT_BENEFIT, act, file_case, real_catalogue

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_verification_page_shows_the_status_and_no_personal_data(new_page, watcher):
    watcher.allow_status(404, "/cases/verify/not-a-real-token/")
    real_catalogue()
    citizen = testing.citizen(name="欧阳晓明", phone="13812345678")
    clerk = testing.staff("clerk_maonan", Role.CLERK, "440902")
    case = file_case(code=UNEMPLOYMENT_BENEFIT, applicant=citizen.person, actor=citizen)
    act(case, "accept", clerk)
    person = citizen.person

    page = new_page(viewport=PHONE)  # not signed in: whoever scans the code
    response = page.goto(f"/cases/verify/{case.verify_token}/")
    assert response.status == 200
    assert response.headers["x-robots-tag"] == "noindex, nofollow"
    card = page.get_by_test_id("verify")
    expect(card).to_contain_text("办件真实性核验")
    expect(card).to_contain_text("失业保险金申领")
    expect(page.get_by_test_id("verify-number")).to_have_text(case.number)
    expect(card.locator(".badge")).to_have_text("审核中")
    expect(card).to_contain_text("受理日期")
    expect(card).to_contain_text("承诺办结期限")
    body = page.locator("body")
    for secret in (
        "欧阳晓明",
        "晓明",
        person.id_number,
        mask_resident_id(person.id_number),
        "13812345678",
        "138****5678",
    ):
        expect(body).not_to_contain_text(secret)
    assert page.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth")

    assert page.goto("/cases/verify/not-a-real-token/").status == 404
