"""An employer posts a job from the PC: a discriminatory phrase is refused with the reason, the fixed
posting waits for review, a 茂南 reviewer approves it, and anyone on a phone finds it with its pay, its
place and a share link with a QR code."""

import re

import pytest
from playwright.sync_api import expect

from renshe import testing
from renshe.accounts.models import Role
from renshe.employment.models import Job
from renshe.employment.models.jobs import JobStatus
from tests_browser.support import PHONE, login, submit

pytestmark = pytest.mark.browser

TITLE = "粤菜厨师"


def _fill_job(page, description: str) -> None:
    page.get_by_label(re.compile(r"^岗位名称")).fill(TITLE)
    page.get_by_label(re.compile(r"^岗位描述")).fill(description)
    page.get_by_label(re.compile(r"^工作地点")).select_option(testing.MAONAN_TOWN)
    page.get_by_label(re.compile(r"^职业类别")).select_option("4-03")
    page.get_by_label(re.compile(r"^月薪下限")).fill("4500")
    page.get_by_label(re.compile(r"^月薪上限")).fill("6500")
    page.get_by_label(re.compile(r"^招聘人数")).fill("2")


def test_employer_posts_a_job_a_reviewer_approves_it_and_the_public_finds_it(new_page, watcher):
    watcher.allow_status(400, "/employment/jobs/new/")
    testing.employer_user()
    testing.staff("reviewer_maonan", Role.REVIEWER, "440902")

    # The employer, on a PC: 限男性 is refused, with the reason, and nothing is saved.
    employer = new_page()
    login(employer, "employer_acme")
    employer.goto("/employment/jobs/new/")
    expect(employer.get_by_role("heading", name="发布岗位")).to_be_visible()
    _fill_job(employer, "负责粤菜烹饪、炒锅、切配，限男性。")
    submit(employer, employer.get_by_test_id("submit-job"))
    expect(employer.get_by_test_id("form-errors")).to_contain_text("请按提示修改")
    refusal = employer.locator('[data-field-error="description"]')
    expect(refusal).to_contain_text("限男性")
    expect(refusal).to_contain_text("就业促进法")
    assert not Job.objects.exists()

    # Fixed: it is filed and waits for review.
    employer.get_by_label(re.compile(r"^岗位描述")).fill("负责粤菜烹饪、炒锅、切配，持中式烹调师证书优先。")
    submit(employer, employer.get_by_test_id("submit-job"))
    expect(employer).to_have_url(re.compile(r"/employment/jobs/\d+/manage/$"))
    expect(employer.locator(".alert-success").first).to_contain_text("岗位已提交，审核通过后公开发布")
    expect(employer.get_by_test_id("job-status")).to_have_text("待审核")
    job = Job.objects.get()
    assert job.status == JobStatus.PENDING

    # Not public yet.
    public = new_page(viewport=PHONE)
    public.goto("/employment/jobs/")
    expect(public.get_by_test_id("job-card").filter(has_text=TITLE)).to_have_count(0)

    # The 茂南 reviewer approves it from the queue.
    reviewer = new_page()
    login(reviewer, "reviewer_maonan")
    reviewer.goto("/employment/jobs/review/")
    row = reviewer.get_by_test_id("review-queue").get_by_role("row").filter(has_text=TITLE)
    expect(row).to_contain_text("茂名市示范制造有限公司")
    expect(row).to_contain_text("4500–6500")
    expect(row.get_by_test_id("job-status")).to_have_text("待审核")
    row.get_by_role("link", name=TITLE).click()
    expect(reviewer).to_have_url(re.compile(rf"/employment/jobs/{job.pk}/review/$"))
    expect(reviewer.get_by_test_id("job-description")).to_contain_text("粤菜烹饪")
    submit(reviewer, reviewer.get_by_test_id("action-approve"))
    expect(reviewer.locator(".alert-success").first).to_contain_text(TITLE)
    job.refresh_from_db()
    assert job.status == JobStatus.PUBLISHED
    reviewer.goto(f"/employment/jobs/{job.pk}/review/")
    expect(reviewer.get_by_test_id("job-status")).to_have_text("已发布")

    # Anyone, on a phone: the job is listed with its pay and place, and its page can be shared.
    public.goto("/employment/jobs/")
    card = public.get_by_test_id("job-card").filter(has_text=TITLE)
    expect(card).to_have_count(1)
    expect(card).to_contain_text("4500–6500 元/月")
    expect(card).to_contain_text("茂南区 · 红旗街道")
    expect(card).to_contain_text("茂名市示范制造有限公司")
    card.get_by_role("link", name=TITLE).click()
    expect(public).to_have_url(re.compile(rf"/employment/jobs/{job.pk}/$"))
    detail = public.get_by_test_id("job-detail")
    expect(detail.get_by_role("heading", name=TITLE)).to_be_visible()
    expect(detail).to_contain_text("4500–6500 元/月")
    expect(detail).to_contain_text("茂南区 · 红旗街道")
    expect(detail.get_by_role("link", name="登录后投递")).to_be_visible()
    share = public.get_by_test_id("share-link")
    expect(share).to_have_text(re.compile(r"/employment/jobs/s/[^/]+/$"))
    qr = public.get_by_test_id("job-qr")
    expect(qr).to_be_visible()
    assert public.evaluate("(img) => img.complete && img.naturalWidth > 0", qr.element_handle())
    widths = public.evaluate("[document.scrollingElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], f"{public.url} scrolls sideways: {widths}"

    # The share link (absolute, to the configured site address) opens the same job here.
    public.goto(re.sub(r"^https?://[^/]+", "", share.inner_text()))
    expect(public.get_by_test_id("job-detail").get_by_role("heading", name=TITLE)).to_be_visible()
