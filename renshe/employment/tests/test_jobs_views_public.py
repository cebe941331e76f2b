"""The public job pages: search with filters, detail, share link and QR code; no inline script or style."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from renshe import testing
from renshe.employment.tests import jobs_support as js

pytestmark = pytest.mark.django_db

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I)
INLINE_STYLE = re.compile(r"\sstyle=|<style", re.I)


def _no_inline_code(html: str) -> None:
    assert not INLINE_SCRIPT.search(html), "inline <script> breaks the content security policy"
    assert not INLINE_STYLE.search(html), "inline style breaks the content security policy"


@pytest.fixture
def jobs(employer_user):
    cook = js.publish(js.post(employer_user, occupation="4-03", education="41"))
    cleaner = js.publish(
        js.post(
            employer_user,
            title="保洁员",
            description="写字楼保洁",
            region="440904003",
            salary_min=2300,
            salary_max=2800,
            occupation="4-10",
        )
    )
    pending = js.post(employer_user, title="电工", description="配电维护")
    return cook, cleaner, pending


def test_anyone_searches_published_jobs(client, jobs):
    cook, cleaner, pending = jobs
    response = client.get("/employment/jobs/")
    html = response.content.decode()
    assert response.status_code == 200
    assert cook.title in html and cleaner.title in html and pending.title not in html
    _no_inline_code(html)


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": "粤菜"}, {"粤菜厨师"}),
        ({"q": "保洁"}, {"保洁员"}),
        ({"district": "440904"}, {"保洁员"}),
        ({"district": "440902", "town": "440902001"}, {"粤菜厨师"}),
        ({"district": "440904", "town": "440902001"}, {"保洁员"}),  # a town of another district is dropped
        ({"occupation": "4-10"}, {"保洁员"}),
        ({"occupation": "4"}, {"粤菜厨师", "保洁员"}),
        ({"pay_min": "5000"}, {"粤菜厨师"}),
        ({"education": "71"}, {"保洁员"}),  # 初中: the cook needs 中等职业教育
    ],
)
def test_filters(client, jobs, params, expected):
    html = client.get("/employment/jobs/", params).content.decode()
    found = {title for title in ("粤菜厨师", "保洁员", "电工") if f">{title}</a>" in html}
    assert found == expected


def test_htmx_gets_only_the_results(client, jobs):
    response = client.get("/employment/jobs/", {"q": "保洁"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "<html" not in html and "保洁员" in html


def test_the_list_query_count_does_not_grow_with_rows(client, employer_user, jobs):
    with CaptureQueriesContext(connection) as few:
        client.get("/employment/jobs/")
    for i in range(8):
        js.publish(js.post(employer_user, title=f"普工{i}", description="流水线"))
    with CaptureQueriesContext(connection) as many:
        client.get("/employment/jobs/")
    assert len(many) == len(few)


def test_detail_has_a_share_link_and_a_qr_code(client, jobs):
    cook = jobs[0]
    html = client.get(f"/employment/jobs/{cook.pk}/").content.decode()
    assert f"/employment/jobs/s/{cook.share_token}/" in html
    assert 'src="data:image/svg+xml;base64,' in html
    _no_inline_code(html)
    shared = client.get(f"/employment/jobs/s/{cook.share_token}/")
    assert shared.status_code == 200 and cook.description in shared.content.decode()


def test_a_pending_job_is_not_public(client, jobs):
    pending = jobs[2]
    assert client.get(f"/employment/jobs/{pending.pk}/").status_code == 404
    assert client.get(f"/employment/jobs/s/{pending.share_token}/").status_code == 404
    assert client.get("/employment/jobs/s/nonsense/").status_code == 404


def test_a_citizen_applies_from_the_detail_page(jobs):
    cook = jobs[0]
    citizen = testing.citizen("citizen_apply", name="王五")
    browser = Client()
    browser.force_login(citizen)
    response = browser.post(f"/employment/jobs/{cook.pk}/apply/")
    assert response.status_code == 302 and response.url == "/employment/jobs/me/"  # profile first
    browser.post("/employment/jobs/me/", {"desired_titles": "厨师", "hours": "any", "status": "seeking"})
    response = browser.post(f"/employment/jobs/{cook.pk}/apply/")
    assert response.url == f"/employment/jobs/{cook.pk}/"
    assert 'data-testid="applied"' in browser.get(f"/employment/jobs/{cook.pk}/").content.decode()


def test_an_employer_cannot_apply(employer_user, jobs):
    browser = Client()
    browser.force_login(employer_user)
    assert browser.post(f"/employment/jobs/{jobs[0].pk}/apply/").status_code == 403
