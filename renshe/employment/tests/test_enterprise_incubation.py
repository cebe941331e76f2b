"""创业孵化基地 and their tenants: staff CRUD within the region, capacity kept."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from renshe.employment import enterprise
from renshe.employment.tests import assistance_testing as at


@pytest.fixture
def base(clerk_maonan):
    return enterprise.incubation_base_create(
        actor=clerk_maonan,
        operator=at.employer("茂名市创业孵化运营有限公司"),
        region="440902001",
        name="茂南区青年创业孵化基地",
        level="市级",
        capacity=1,
    )


@pytest.mark.django_db
def test_tenants_fill_the_capacity(clerk_maonan, base):
    founder = at.person(name="林创")
    tenant = enterprise.incubation_tenant_add(
        actor=clerk_maonan, base=base, employer=at.employer("初创科技有限公司"), founder=founder, since=date(2025, 3, 1)
    )
    with pytest.raises(ValidationError, match="基地已满"):
        enterprise.incubation_tenant_add(
            actor=clerk_maonan, base=base, employer=at.employer("另一家"), since=date(2025, 3, 1)
        )
    tenant = enterprise.incubation_tenant_update(actor=clerk_maonan, tenant=tenant, jobs_created=8)
    with pytest.raises(ValidationError):
        enterprise.incubation_tenant_update(actor=clerk_maonan, tenant=tenant, until=date(2025, 1, 1))
    enterprise.incubation_tenant_update(actor=clerk_maonan, tenant=tenant, until=date(2025, 9, 1))
    assert enterprise.incubation_tenant_add(
        actor=clerk_maonan, base=base, employer=at.employer("第二家"), since=date(2025, 9, 2)
    )
    row = enterprise.incubation_bases(viewer=clerk_maonan).get()
    assert row.occupied == 1


@pytest.mark.django_db
def test_base_bad_input_and_permissions(clerk_maonan, clerk_gaozhou, citizen, base):
    operator = at.employer()
    with pytest.raises(ValidationError) as err:
        enterprise.incubation_base_create(
            actor=clerk_maonan, operator=operator, region="440902001", name="", capacity=5
        )
    assert "name" in err.value.message_dict
    with pytest.raises(ValidationError) as err:
        enterprise.incubation_base_create(
            actor=clerk_maonan, operator=operator, region="440902001", name="x", capacity=0
        )
    assert "capacity" in err.value.message_dict
    with pytest.raises(PermissionDenied):
        enterprise.incubation_base_create(
            actor=clerk_gaozhou, operator=operator, region="440902001", name="x", capacity=1
        )
    with pytest.raises(PermissionDenied):
        enterprise.incubation_base_create(actor=citizen, operator=operator, region="440902001", name="x", capacity=1)
    with pytest.raises(PermissionDenied):
        enterprise.incubation_tenant_add(actor=clerk_gaozhou, base=base, employer=operator, since=date(2025, 1, 1))
    assert not enterprise.incubation_bases(viewer=clerk_gaozhou).exists()
    updated = enterprise.incubation_base_update(
        actor=clerk_maonan, base=base, operator=operator, region="440902001", name="新名称", capacity=3
    )
    assert updated.name == "新名称" and updated.capacity == 3
