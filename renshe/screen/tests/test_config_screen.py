"""The panel configuration: rules, the service (audited, nothing half-stored), the page, the admin, the demo."""

import pytest
from django.core.exceptions import ValidationError

from renshe.accounts.models import Role
from renshe.audit.models import AuditEntry
from renshe.screen import rules, selectors, services
from renshe.screen.demo import demo_seed
from renshe.screen.models import ScreenConfig
from renshe.screen.tests import screen_testing as st

pytestmark = pytest.mark.django_db
URL = "/screen/config/"


@pytest.mark.parametrize(
    ("panels", "code"),
    [([], "empty"), ("map", "empty"), (["map", "weather"], "unknown"), (["map", "cases", "map"], "duplicate")],
)
def test_panels_must_be_known_and_each_once(panels, code):
    with pytest.raises(ValidationError) as exc:
        rules.panels_clean(panels)
    assert exc.value.error_dict["panels"][0].code == code


def test_panels_keep_their_order():
    assert rules.panels_clean(["cases", "map"]) == ["cases", "map"]


@pytest.mark.parametrize("seconds", [0, 3601, -5, "30", 2.5, True, None])
def test_refresh_interval_is_whole_seconds_within_bounds(seconds):
    with pytest.raises(ValidationError) as exc:
        rules.refresh_seconds_clean(seconds)
    assert "refresh_seconds" in exc.value.error_dict


def test_map_indicator_must_be_selectable():
    with pytest.raises(ValidationError) as exc:
        rules.map_indicator_clean("cases.received")
    assert "map_indicator" in exc.value.error_dict
    assert rules.map_indicator_clean("cases.open") == "cases.open"


def test_every_key_the_screen_reads_has_a_label():
    assert set(rules.all_keys()) <= set(rules.METRICS)


def test_update_stores_audits_and_refreshes_the_screen(city_admin, statistician, django_capture_on_commit_callbacks):
    before = selectors.screen_payload(viewer=statistician)
    assert before["config"]["panels"] == rules.DEFAULT_PANELS
    with django_capture_on_commit_callbacks(execute=True):
        config = services.screen_config_update(
            actor=city_admin, panels=["map", "cases"], map_indicator="cases.overdue", refresh_seconds=60
        )
    assert (config.panels, config.map_indicator, config.refresh_seconds) == (["map", "cases"], "cases.overdue", 60)
    assert config.updated_by == city_admin
    entry = AuditEntry.objects.filter(object_type="screen.screenconfig").latest("seq")
    assert entry.action == "create"
    assert entry.changes["panels"][1] == ["map", "cases"]
    after = selectors.screen_payload(viewer=statistician)  # the cached payload is stale at once
    assert list(after["panels"]) == ["map", "cases"]
    assert after["config"] == {"panels": ["map", "cases"], "map_indicator": "cases.overdue", "refresh_seconds": 60}


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"panels": []}, "panels"),
        ({"panels": ["clock"]}, "panels"),
        ({"map_indicator": "nothing.here"}, "map_indicator"),
        ({"refresh_seconds": 0}, "refresh_seconds"),
    ],
)
def test_bad_input_stores_nothing(city_admin, change, field):
    services.screen_config_update(actor=city_admin, panels=["map"], map_indicator="cases.open", refresh_seconds=30)
    good = {"panels": ["cases"], "map_indicator": "cases.open", "refresh_seconds": 45}
    with pytest.raises(ValidationError) as exc:
        services.screen_config_update(actor=city_admin, **(good | change))
    assert field in exc.value.error_dict
    stored = ScreenConfig.objects.get()
    assert (stored.panels, stored.refresh_seconds) == (["map"], 30)


def _form(**overrides):
    data = {"map_indicator": "employment.jobs_open", "refresh_seconds": "20"}
    for n, panel in enumerate(rules.DEFAULT_PANELS, start=1):
        data[f"show_{panel}"] = "on"
        data[f"order_{panel}"] = str(n)
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_the_page_saves_panels_in_the_chosen_order(client, city_admin):
    client.force_login(city_admin)
    assert client.get(URL).status_code == 200
    response = client.post(URL, _form(order_map="1", order_headline="2", show_projects=None))
    assert response.status_code == 302
    config = ScreenConfig.objects.get()
    assert config.panels[:2] == ["map", "headline"]
    assert "projects" not in config.panels
    assert (config.map_indicator, config.refresh_seconds) == ("employment.jobs_open", 20)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"order_map": "1"}, "顺序号不能重复"),
        ({f"show_{p}": None for p in rules.DEFAULT_PANELS}, "至少选择一个面板"),
        ({"refresh_seconds": "0"}, "1"),
        ({"map_indicator": "cases.received"}, "选择一个有效的选项"),
    ],
)
def test_the_page_refuses_bad_input_and_says_why(client, city_admin, overrides, message):
    client.force_login(city_admin)
    response = client.post(URL, _form(**overrides))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ScreenConfig.objects.exists()


def test_only_administrators_configure(client, statistician, citizen):
    for user in (statistician, citizen):
        client.force_login(user)
        assert client.get(URL).status_code == 403
        assert client.post(URL, _form()).status_code == 403
    assert not ScreenConfig.objects.exists()


def test_anonymous_is_sent_to_login(client):
    assert client.get(URL).status_code == 302
    assert client.get("/screen/").status_code == 302


@pytest.mark.parametrize("role", [Role.CLERK, Role.AUDITOR])
def test_the_screen_page_is_for_leaders_statisticians_admins(client, role, citizen):
    client.force_login(st.staff(f"u_{role}", role, "440902"))
    assert client.get("/screen/").status_code == 403
    client.force_login(citizen)
    assert client.get("/screen/").status_code == 403
    client.force_login(st.leader())
    response = client.get("/screen/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-api="/api/v1/screen/"' in html
    assert "<script>" not in html and "style=" not in html


def test_the_screen_page_with_a_foreign_county_is_404_and_a_bad_code_goes_home(client):
    client.force_login(st.leader("leader_gz", "440981"))
    assert client.get("/screen/", {"region": "440902"}).status_code == 404
    assert client.get("/screen/", {"region": "x"}).status_code == 302


def test_django_admin_edits_the_same_row_validated(client, city_admin, django_user_model):
    superuser = django_user_model.objects.create_superuser(
        "root", password="x-Pass-2026!", role=Role.ADMIN, org_unit=city_admin.org_unit
    )
    client.force_login(superuser)
    services.screen_config_ensure_default()
    config = ScreenConfig.objects.get()
    url = f"/django-admin/screen/screenconfig/{config.pk}/change/"
    response = client.post(
        url, {"panels": '["map", "weather"]', "map_indicator": "cases.open", "refresh_seconds": "30"}
    )
    assert response.status_code == 200
    assert "未知的面板" in response.content.decode()
    response = client.post(url, {"panels": '["cases", "map"]', "map_indicator": "cases.open", "refresh_seconds": "15"})
    assert response.status_code == 302
    assert ScreenConfig.objects.get().panels == ["cases", "map"]


def test_demo_seed_is_idempotent():
    from renshe.core.models import FigureValue

    demo_seed(scale="small")
    rows = FigureValue.objects.count()
    demo_seed(scale="small")
    assert ScreenConfig.objects.count() == 1
    assert ScreenConfig.objects.get().panels == rules.DEFAULT_PANELS
    assert FigureValue.objects.count() == rows > 0


def test_the_menu_offers_the_screen_to_whom_may_use_it(client, city_admin, statistician):
    from renshe.core.navigation import workbench_menu

    labels = lambda user: [i["label"] for s in workbench_menu(user, "/") for i in s["items"]]  # noqa: E731
    assert {"大屏展示", "大屏配置"} <= set(map(str, labels(city_admin)))
    assert "大屏展示" in map(str, labels(statistician))
    assert "大屏配置" not in map(str, labels(statistician))
