"""The applicant's actions on their case page: withdraw, 补正, 容缺补交, 好差评 (renshe.cases.public_views).

Each POST carries the version the page showed; a stale page gets the conflict message and changes nothing.
"""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from renshe import testing
from renshe.cases import services
from renshe.cases.models import Case, MaterialStatus, Rating, Rectification, Status
from renshe.cases.testing import material_ids, pdf, service_item

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def item(db):
    return service_item()


@pytest.fixture
def other_citizen(db):
    return testing.citizen("citizen_ls", name="李四", region=testing.GAOZHOU_TOWN)


def submit(user, item, *, deferred=False):
    ids = material_ids(item)
    files = {ids["居民身份证"]: pdf()}
    extra = {}
    if deferred:
        extra = {"deferred": [ids["解除劳动合同证明"]], "commitment": "本人承诺补交"}
    else:
        files[ids["解除劳动合同证明"]] = pdf("证明.pdf")
    return services.case_submit(
        actor=user, item=item, applicant=user.person, channel="web", form_data={"reason": "其他"}, files=files, **extra
    )


def url(name, case):
    return reverse(f"cases:{name}", args=[case.pk])


def fresh(case):
    return Case.objects.get(pk=case.pk)


# --- withdraw ---------------------------------------------------------------------------------


def test_withdraw_with_confirm(client, citizen, item):
    case = submit(citizen, item)
    client.force_login(citizen)
    body = client.get(url("my_case", case)).content.decode()
    assert 'data-confirm="' in body and f'name="expected_version" value="{case.version}"' in body
    response = client.post(url("my_case_withdraw", case), {"expected_version": case.version, "comment": "不需要了"})
    assert response.status_code == 302
    case = fresh(case)
    assert case.status == Status.WITHDRAWN
    assert case.transitions.filter(action="withdraw", comment="不需要了").exists()
    body = client.get(url("my_case", case)).content.decode()
    assert "已撤回申请" in body and 'data-testid="withdraw"' not in body


def test_stale_page_gets_the_conflict_message_and_nothing_changes(client, citizen, clerk_maonan, item):
    case = submit(citizen, item)
    seen = case.version
    services.case_transition(case=case, action="accept", actor=clerk_maonan, expected_version=seen)
    client.force_login(citizen)
    response = client.post(url("my_case_withdraw", case), {"expected_version": seen}, follow=True)
    body = response.content.decode()
    assert "已被他人处理" in body and "请刷新后重试" in body
    case = fresh(case)
    assert case.status == Status.IN_REVIEW and not case.transitions.filter(action="withdraw").exists()


def test_withdraw_without_a_version_changes_nothing(client, citizen, item):
    case = submit(citizen, item)
    client.force_login(citizen)
    response = client.post(url("my_case_withdraw", case), {}, follow=True)
    assert "页面已过期" in response.content.decode()
    assert fresh(case).status == Status.SUBMITTED


def test_withdraw_of_someone_elses_case_is_404(client, citizen, other_citizen, clerk_gaozhou, item):
    case = submit(citizen, item)
    for user in (other_citizen, clerk_gaozhou):
        client.force_login(user)
        assert client.post(url("my_case_withdraw", case), {"expected_version": case.version}).status_code == 404
    assert fresh(case).status == Status.SUBMITTED


def test_withdraw_needs_post(client, citizen, item):
    case = submit(citizen, item)
    client.force_login(citizen)
    assert client.get(url("my_case_withdraw", case)).status_code == 405


# --- 补正 ---------------------------------------------------------------------------------------


@pytest.fixture
def corrected(citizen, clerk_maonan, item):
    case = submit(citizen, item)
    return services.case_transition(
        case=case,
        action="request_correction",
        actor=clerk_maonan,
        comment="解除劳动合同证明须加盖单位公章",
        expected_version=case.version,
    )


def test_resubmit_after_correction(client, citizen, corrected, item):
    ids = material_ids(item)
    old_file = corrected.materials.get(material_id=ids["解除劳动合同证明"]).file_id
    client.force_login(citizen)
    body = client.get(url("my_case", corrected)).content.decode()
    assert "解除劳动合同证明须加盖单位公章" in body and 'data-testid="resubmit"' in body
    response = client.post(
        url("my_case_resubmit", corrected),
        {"expected_version": corrected.version, f"material_{ids['解除劳动合同证明']}": pdf("盖章证明.pdf")},
    )
    assert response.status_code == 302
    case = fresh(corrected)
    assert case.status == Status.SUBMITTED
    cm = case.materials.get(material_id=ids["解除劳动合同证明"])
    assert cm.file_id != old_file and cm.file.original_name == "盖章证明.pdf"


def test_resubmit_with_a_fake_file_is_refused_in_place(client, citizen, corrected, item):
    ids = material_ids(item)
    fake = SimpleUploadedFile("证明.pdf", b"not a pdf at all", content_type="application/pdf")
    client.force_login(citizen)
    response = client.post(
        url("my_case_resubmit", corrected),
        {"expected_version": corrected.version, f"material_{ids['解除劳动合同证明']}": fake},
    )
    assert response.status_code == 400
    assert f'data-field-error="material_{ids["解除劳动合同证明"]}"' in response.content.decode()
    assert fresh(corrected).status == Status.CORRECTION


def test_resubmit_on_a_stale_page_or_by_another_is_refused(client, citizen, other_citizen, corrected, item):
    client.force_login(citizen)
    response = client.post(url("my_case_resubmit", corrected), {"expected_version": corrected.version - 1}, follow=True)
    assert "请刷新后重试" in response.content.decode()
    assert fresh(corrected).status == Status.CORRECTION
    client.force_login(other_citizen)
    assert client.post(url("my_case_resubmit", corrected), {"expected_version": corrected.version}).status_code == 404


# --- 容缺补交 -------------------------------------------------------------------------------------


def test_supply_a_deferred_material(client, citizen, clerk_maonan, item):
    ids = material_ids(item)
    case = submit(citizen, item, deferred=True)
    case = services.case_transition(case=case, action="accept", actor=clerk_maonan, expected_version=case.version)
    assert case.deferred_until is not None
    client.force_login(citizen)
    body = client.get(url("my_case", case)).content.decode()
    assert 'data-testid="supply"' in body and "容缺待补" in body
    response = client.post(
        url("my_case_supply", case),
        {"expected_version": case.version, "material": ids["解除劳动合同证明"], "file": pdf("补交.pdf")},
    )
    assert response.status_code == 302
    case = fresh(case)
    assert case.deferred_until is None
    assert case.materials.get(material_id=ids["解除劳动合同证明"]).status == MaterialStatus.SUBMITTED


def test_supply_without_a_file_or_with_a_fake_one_is_refused(client, citizen, item):
    ids = material_ids(item)
    case = submit(citizen, item, deferred=True)
    client.force_login(citizen)
    data = {"expected_version": case.version, "material": ids["解除劳动合同证明"]}
    response = client.post(url("my_case_supply", case), data)
    assert response.status_code == 400
    fake = SimpleUploadedFile("补交.png", b"GIF89a not a png", content_type="image/png")
    response = client.post(url("my_case_supply", case), {**data, "file": fake})
    assert response.status_code == 400 and "不符" in response.content.decode()
    assert case.materials.get(material_id=ids["解除劳动合同证明"]).status == MaterialStatus.DEFERRED


def test_supply_on_a_stale_page_or_by_another_is_refused(client, citizen, other_citizen, clerk_maonan, item):
    ids = material_ids(item)
    case = submit(citizen, item, deferred=True)
    seen = case.version
    services.case_transition(case=case, action="accept", actor=clerk_maonan, expected_version=seen)
    data = {"expected_version": seen, "material": ids["解除劳动合同证明"], "file": pdf("补交.pdf")}
    client.force_login(citizen)
    response = client.post(url("my_case_supply", case), data, follow=True)
    assert "请查看最新情况后重试" in response.content.decode()
    client.force_login(other_citizen)
    data["file"] = pdf("补交.pdf")
    assert client.post(url("my_case_supply", case), data).status_code == 404
    assert case.materials.get(material_id=ids["解除劳动合同证明"]).status == MaterialStatus.DEFERRED


# --- 好差评 -------------------------------------------------------------------------------------


@pytest.fixture
def finished(citizen, clerk_maonan, item):
    case = submit(citizen, item)
    return services.case_transition(
        case=case, action="reject", actor=clerk_maonan, comment="不属于本机关职权范围", expected_version=case.version
    )


def _grades(case, grade, **extra):
    return {"expected_version": case.version, "grade": grade, "window_grade": 4, "staff_grade": 4, **extra}


def test_rating_form_appears_once_the_case_is_finished(client, citizen, item):
    case = submit(citizen, item)
    client.force_login(citizen)
    assert 'data-testid="rate"' not in client.get(url("my_case", case)).content.decode()
    response = client.post(url("my_case_rate", case), _grades(case, 5), follow=True)
    assert "办结后才能评价" in response.content.decode()
    assert Rating.objects.count() == 0


def test_bad_grade_without_comment_is_refused(client, citizen, finished):
    client.force_login(citizen)
    assert 'data-testid="rate"' in client.get(url("my_case", finished)).content.decode()
    response = client.post(url("my_case_rate", finished), _grades(finished, 1))
    assert response.status_code == 400
    assert 'data-field-error="comment"' in response.content.decode()
    assert Rating.objects.count() == 0


def test_bad_grade_with_comment_creates_a_rectification(client, citizen, finished):
    client.force_login(citizen)
    response = client.post(url("my_case_rate", finished), _grades(finished, 2, comment="等了很久没人理"))
    assert response.status_code == 302
    rating = Rating.objects.get(case=finished)
    assert rating.grade == 2 and rating.window_grade == 4 and rating.is_bad
    assert Rectification.objects.filter(rating=rating).exists()
    body = client.get(url("my_case", finished)).content.decode()
    assert 'data-testid="rating"' in body and 'data-testid="rate"' not in body and "不满意" in body


def test_good_rating_needs_no_comment_and_opens_no_rectification(client, citizen, finished):
    client.force_login(citizen)
    assert client.post(url("my_case_rate", finished), _grades(finished, 5)).status_code == 302
    assert Rating.objects.count() == 1 and Rectification.objects.count() == 0
    response = client.post(url("my_case_rate", finished), _grades(finished, 1, comment="再评一次"), follow=True)
    assert "已评价" in response.content.decode()
    assert Rating.objects.count() == 1


def test_rating_with_a_missing_grade_or_by_another_is_refused(client, citizen, other_citizen, finished):
    client.force_login(citizen)
    response = client.post(url("my_case_rate", finished), {"expected_version": finished.version, "grade": 5})
    assert response.status_code == 400
    client.force_login(other_citizen)
    assert client.post(url("my_case_rate", finished), _grades(finished, 5)).status_code == 404
    assert Rating.objects.count() == 0
