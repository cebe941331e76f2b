"""双随机一公开: the draw is reproducible from its seed and recorded population, excludes related
inspectors, refuses bad ratios and empty populations, cannot be altered, is published on time."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from renshe import testing
from renshe.audit.models import AppendOnlyError, AuditEntry
from renshe.cases.exceptions import CaseConflict
from renshe.labour import rules
from renshe.labour.inspection import services_draws, services_grid
from renshe.labour.inspection.models import Draw, DrawTarget, InspectionCase

pytestmark = pytest.mark.django_db


@pytest.fixture
def firms(db):
    return [testing.employer(name=f"抽查测试单位{i}") for i in range(12)]


@pytest.fixture
def plan(city_admin, firms, inspector_a, inspector_b, inspector_c):
    return services_draws.plan_create(actor=city_admin, item="工资支付情况抽查", region_code="440902", ratio="25")


def test_draw_compute_is_a_pure_function_of_its_inputs():
    args = dict(
        population_ids=list(range(1, 101)), inspector_pool_ids=[7, 8, 9, 10], conflicts=[], ratio=5, per_target=2
    )
    first = services_draws.draw_compute(seed="abc", **args)
    assert first == services_draws.draw_compute(seed="abc", **args)
    assert len(first) == 5
    assert first != services_draws.draw_compute(seed="abd", **args)
    # the population's order does not matter: it is sorted first
    assert first == services_draws.draw_compute(seed="abc", **{**args, "population_ids": list(range(100, 0, -1))})


def test_draw_size_rounds_up():
    assert services_draws.draw_size(12, Decimal(25)) == 3
    assert services_draws.draw_size(10, Decimal(5)) == 1
    assert services_draws.draw_size(3, Decimal(100)) == 3


def test_draw_is_recorded_and_verified(plan, city_admin, firms):
    draw = services_draws.draw_run(actor=city_admin, plan=plan)
    assert len(draw.seed) == 32
    assert draw.population_count == 12 and draw.drawn_count == 3
    assert draw.population_hash == services_draws.population_hash([f.pk for f in firms])
    assert services_draws.draw_verify(draw)
    for target in draw.targets.all():
        assert len(target.inspector_ids) == 2
    assert AuditEntry.objects.filter(object_type="inspection.draw", object_id=str(draw.pk)).exists()
    assert services_draws.draw_publication_due(draw) == rules.draw_publication_deadline(draw.drawn_on)


def test_verify_detects_a_different_record(plan, city_admin):
    draw = services_draws.draw_run(actor=city_admin, plan=plan)
    draw.seed = "0" * 32  # in memory only: the row cannot be saved
    assert not services_draws.draw_verify(draw)


def test_related_inspector_is_never_drawn(city_admin, inspector_a, inspector_b, inspector_c):
    target = testing.employer(name="唯一的单位")
    services_grid.conflict_declare(
        actor=city_admin, inspector_id=inspector_a.pk, credit_code=target.credit_code, relation="配偶为该单位股东"
    )
    for _ in range(5):
        plan = services_draws.plan_create(actor=city_admin, item="抽查", region_code="440902", ratio="100")
        draw = services_draws.draw_run(actor=city_admin, plan=plan)
        assert draw.conflicts == [[inspector_a.pk, target.pk]]
        assert inspector_a.pk not in draw.targets.get().inspector_ids
        assert services_draws.draw_verify(draw)


def test_not_enough_unrelated_inspectors(city_admin, inspector_a, inspector_b):
    target = testing.employer(name="唯一的单位")
    services_grid.conflict_declare(
        actor=city_admin, inspector_id=inspector_a.pk, credit_code=target.credit_code, relation="亲属"
    )
    plan = services_draws.plan_create(actor=city_admin, item="抽查", region_code="440902", ratio="100")
    with pytest.raises(ValidationError) as exc:
        services_draws.draw_run(actor=city_admin, plan=plan)
    assert "inspectors" in exc.value.message_dict
    assert not Draw.objects.exists()


@pytest.mark.parametrize("ratio", ["0", "-5", "100.01", "abc", ""])
def test_ratio_outside_0_100_is_refused(city_admin, ratio):
    with pytest.raises(ValidationError) as exc:
        services_draws.plan_create(actor=city_admin, item="抽查", region_code="440902", ratio=ratio)
    assert "ratio" in exc.value.message_dict


def test_empty_population_is_refused(city_admin, inspector_a, inspector_b):
    plan = services_draws.plan_create(actor=city_admin, item="抽查", region_code="440983", ratio="10")
    with pytest.raises(ValidationError) as exc:
        services_draws.draw_run(actor=city_admin, plan=plan)
    assert "population" in exc.value.message_dict


def test_a_plan_is_drawn_once_and_the_log_cannot_be_altered(plan, city_admin):
    draw = services_draws.draw_run(actor=city_admin, plan=plan)
    with pytest.raises(CaseConflict):
        services_draws.draw_run(actor=city_admin, plan=plan)
    with pytest.raises(AppendOnlyError):
        draw.save()
    with pytest.raises(AppendOnlyError):
        draw.delete()
    with pytest.raises(AppendOnlyError):
        Draw.objects.filter(pk=draw.pk).update(seed="x")
    with pytest.raises(AppendOnlyError):
        DrawTarget.objects.filter(draw=draw).delete()


def test_draw_needs_permission_and_region(plan, inspector_a, firms):
    with pytest.raises(PermissionDenied):
        services_draws.draw_run(actor=inspector_a, plan=plan)
    gaozhou_admin = testing.staff("admin_gz", "admin", "440981")
    with pytest.raises(PermissionDenied):
        services_draws.draw_run(actor=gaozhou_admin, plan=plan)


def test_open_cases_and_publish_are_idempotent(plan, city_admin):
    draw = services_draws.draw_run(actor=city_admin, plan=plan)
    assert services_draws.draw_open_cases(actor=city_admin, draw=draw) == 3
    services_draws.draw_open_cases(actor=city_admin, draw=draw)
    assert InspectionCase.objects.filter(source="draw").count() == 3
    first = services_draws.draw_publish(actor=city_admin, draw=draw)
    assert services_draws.draw_publish(actor=city_admin, draw=draw).pk == first.pk
