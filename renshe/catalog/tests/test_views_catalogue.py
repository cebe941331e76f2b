"""The public catalogue: search, filter, the guide of an item, the 一件事 bundles (renshe.catalog.views)."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse

from renshe.cases.testing import service_item
from renshe.catalog.models import ServiceItem
from renshe.catalog.services import catalogue_load

pytestmark = pytest.mark.django_db

LIST = reverse("catalog:catalogue")


def _guide(code):
    return reverse("catalog:guide", args=[code])


def assert_no_inline_code(body: str) -> None:
    """Strict CSP: no inline scripts, no inline styles, no event-handler attributes."""
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", body)
    assert " style=" not in body
    assert not re.search(r"\son[a-z]+=", body)


@pytest.fixture
def items(db):
    unemployment = service_item(code="RS-T-001", name="失业登记")
    card = service_item(
        code="RS-T-KA",
        name="社会保障卡挂失",
        kind="即办件",
        promised=0,
        legal=0,
        steps=[{"name": "受理", "role": "clerk"}],
        materials=[],
        form_fields=[],
    )
    ServiceItem.objects.filter(pk=card.pk).update(category="social_security_card")
    catalogue_load(
        items=[],
        bundles=[{"code": "YJS-SY", "name": "失业一件事", "items": ["RS-T-001", "RS-T-KA"], "description": "一次办"}],
    )
    return unemployment, card


def test_list_shows_items_with_type_kind_limit_and_channels_and_bundles_first(client, items):
    body = client.get(LIST).content.decode()
    assert "失业登记" in body and "社会保障卡挂失" in body
    assert "承诺件" in body and "即办件" in body
    assert "承诺 5 个工作日办结" in body and "即时办结" in body
    assert "公共服务" in body
    assert "窗口办理" in body and "网上办理" in body
    assert body.index('data-testid="bundles"') < body.index('data-testid="items"')
    assert "失业一件事" in body
    assert_no_inline_code(body)


def test_search_by_name_and_filter_by_category(client, items):
    body = client.get(LIST, {"q": "挂失"}).content.decode()
    assert "社会保障卡挂失" in body and "失业登记</div>" not in body
    body = client.get(LIST, {"category": "social_security_card"}).content.decode()
    assert "社会保障卡挂失" in body and "失业登记</div>" not in body
    assert 'data-testid="bundles"' not in body  # a category filter lists items only
    body = client.get(LIST, {"q": "不存在的事项"}).content.decode()
    assert 'data-testid="no-items"' in body
    # an unknown category is ignored rather than an error
    assert client.get(LIST, {"category": "nonsense"}).status_code == 200


def test_htmx_search_returns_only_the_results(client, items):
    response = client.get(LIST, {"q": "失业"}, headers={"HX-Request": "true"})
    body = response.content.decode()
    assert "失业登记" in body and "<html" not in body


def test_list_query_count_does_not_grow_with_items(client, items):
    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(LIST).status_code == 200
        return len(ctx.captured_queries)

    before = count()
    for n in range(5):
        service_item(code=f"RS-T-1{n}", name=f"事项{n}")
    assert count() == before


def test_guide_shows_every_element_of_the_current_version(client, items):
    unemployment, _card = items
    body = client.get(_guide(unemployment.code)).content.decode()
    for text in (
        "失业登记",
        "RS-T-001",
        "法定劳动年龄内",  # conditions
        "居民身份证",
        "必交",
        "可容缺",
        "选交",
        "受理",
        "窗口受理员",
        "审核员",  # steps and who does them
        "20 个工作日",
        "5 个工作日",  # legal and promised limits
        "不收费",
        "办理结果",
        "茂南区政务服务中心人社窗口",
        "12333",
        "就业促进科",
        "茂南区人力资源和社会保障局",
        "《就业服务与就业管理规定》",
        "四级（全程网办）",
        "0 次",
        "第 1 版",
        "失业一件事",
    ):
        assert text in body, text
    assert_no_inline_code(body)


def test_guide_shows_the_limit_note(client, items):
    unemployment, _card = items
    version = unemployment.current_version
    version.limit_note = "不含公示时间"
    version.save(update_fields=["limit_note"])
    body = client.get(_guide(unemployment.code)).content.decode()
    assert 'data-testid="limit-note">不含公示时间<' in body


def test_guide_shows_a_new_version_after_an_edit(client, items):
    unemployment, _card = items
    service_item(code="RS-T-001", name="失业登记", promised=3)
    body = client.get(_guide(unemployment.code)).content.decode()
    assert "第 2 版" in body and "3 个工作日" in body


def test_guide_action_depends_on_who_is_asking(client, items, citizen, clerk_maonan, employer_user):
    unemployment, _card = items
    apply_url = reverse("catalog:apply", args=[unemployment.code])
    body = client.get(_guide(unemployment.code)).content.decode()
    assert "登录后在线申请" in body and 'data-testid="apply-online"' not in body
    client.force_login(citizen)
    body = client.get(_guide(unemployment.code)).content.decode()
    assert f'href="{apply_url}"' in body
    client.force_login(employer_user)
    body = client.get(_guide(unemployment.code)).content.decode()
    assert 'data-testid="apply-online"' not in body and "窗口" in body
    client.force_login(clerk_maonan)
    body = client.get(_guide(unemployment.code)).content.decode()
    assert 'data-testid="apply-online"' not in body
    try:
        reverse("cases:window_apply")
    except NoReverseMatch:
        assert 'data-testid="window-apply"' not in body
    else:
        assert 'data-testid="window-apply"' in body and "窗口代办" in body


def test_window_only_item_has_no_online_button(client, citizen):
    item = service_item(code="RS-T-W", name="窗口事项", channels=["window"])
    client.force_login(citizen)
    body = client.get(_guide(item.code)).content.decode()
    assert 'data-testid="apply-online"' not in body and "本事项请到办理窗口申请" in body


def test_unknown_and_inactive_items_are_404(client, items):
    unemployment, _card = items
    assert client.get(_guide("NOPE")).status_code == 404
    ServiceItem.objects.filter(pk=unemployment.pk).update(is_active=False)
    assert client.get(_guide(unemployment.code)).status_code == 404
    assert "失业登记</div>" not in client.get(LIST).content.decode()


def test_bundle_page_lists_items_and_asks_shared_materials_once(client, items):
    service_item(code="RS-T-002", name="失业保险金申领")
    catalogue_load(items=[], bundles=[{"code": "YJS-2", "name": "失业待遇一件事", "items": ["RS-T-001", "RS-T-002"]}])
    body = client.get(reverse("catalog:bundle", args=["YJS-2"])).content.decode()
    assert "失业登记" in body and "失业保险金申领" in body
    table = body[body.index('data-testid="bundle-materials"') :]
    assert table.count("<td>居民身份证</td>") == 1
    assert "失业登记、失业保险金申领" in table
    assert client.get(reverse("catalog:bundle", args=["NOPE"])).status_code == 404
