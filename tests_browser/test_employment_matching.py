"""A citizen on a phone fills in their 求职登记 and opens 为我推荐: the job that fits is first, with its
reasons; a job in a district they did not ask for is not listed."""

import re

import pytest
from playwright.sync_api import expect

from renshe import testing
from renshe.employment.models import JobSeeker
from renshe.employment.tests import jobs_support as js
from tests_browser.support import PHONE, login, submit

pytestmark = pytest.mark.browser


def test_citizen_fills_the_profile_and_sees_the_fitting_job_first_with_reasons(new_page):
    citizen = testing.citizen()
    cook = testing.employer(name="茂名市好味道餐饮有限公司")
    js.published_job(
        cook,
        title="粤菜厨师",
        occupation="4-03",
        description="负责粤菜烹饪、炒锅、切配，持中式烹调师证书优先。",
        salary_min=4500,
        salary_max=6500,
    )
    js.published_job(
        testing.employer(name="茂名市茂南保洁服务有限公司"),
        title="保洁员",
        description="写字楼保洁，清洁卫生。",
        salary_min=2600,
        salary_max=3000,
    )
    js.published_job(
        testing.employer(name="高州市粤味酒家有限公司", region=testing.GAOZHOU_TOWN),
        title="高州粤菜厨师",
        occupation="4-03",
        region=testing.GAOZHOU_TOWN,
        description="负责粤菜烹饪、炒锅。",
        salary_min=5000,
        salary_max=7000,
    )

    page = new_page(viewport=PHONE)
    login(page, "citizen_zs")
    page.goto("/employment/jobs/me/matches/")
    expect(page).to_have_url(re.compile(r"/employment/jobs/me/$"))  # no profile yet: asked to fill it
    expect(page.get_by_role("heading", name="求职登记")).to_be_visible()

    form = page.get_by_test_id("seeker-form")
    form.get_by_label("意向职业", exact=True).select_option(["4-03"])
    form.get_by_label("意向工作地", exact=True).select_option(["440902"])
    form.get_by_label("期望月薪（元）").fill("5000")
    form.get_by_label("全职", exact=True).check()
    form.get_by_label("技能特长").fill("粤菜烹饪 炒锅")
    form.get_by_label(re.compile("同意向用人单位公开求职信息")).check()
    widths = page.evaluate("[document.scrollingElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], f"{page.url} scrolls sideways: {widths}"
    submit(page, page.get_by_test_id("save-seeker"))

    expect(page).to_have_url(re.compile(r"/employment/jobs/me/matches/$"))
    expect(page.locator(".alert-success").first).to_contain_text("求职登记已保存")
    seeker = JobSeeker.objects.get(person=citizen.person)
    assert seeker.visible_to_employers and seeker.salary_expected == 5000
    assert seeker.hours == "full_time"

    cards = page.get_by_test_id("match-card")
    expect(cards.first).to_contain_text("粤菜厨师")
    expect(cards.first).to_contain_text("茂名市好味道餐饮有限公司")
    expect(cards.first).to_contain_text("4500–6500 元/月")
    reasons = cards.first.get_by_test_id("match-reasons")
    expect(reasons).to_contain_text("意向职业一致")
    expect(reasons).to_contain_text("技能匹配：")
    expect(reasons).to_contain_text("工作地在意向区域：茂南区")
    expect(reasons).to_contain_text("薪酬区间覆盖期望")
    expect(page.get_by_test_id("matches")).not_to_contain_text("高州粤菜厨师")
    expect(page.get_by_test_id("matches")).not_to_contain_text("高州市粤味酒家有限公司")
    widths = page.evaluate("[document.scrollingElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], f"{page.url} scrolls sideways: {widths}"

    cards.first.get_by_role("link", name="粤菜厨师").click()
    expect(page.get_by_test_id("job-detail")).to_contain_text("茂名市好味道餐饮有限公司")
