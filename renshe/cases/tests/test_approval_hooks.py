"""Approval hooks: a domain app's handler runs once when a case of its item is approved, inside the
approving transaction, and takes the approval down with it when it fails."""

import pytest
from django.core.exceptions import ValidationError

from renshe.cases import services
from renshe.cases.models import Case, Status, Transition
from renshe.cases.testing import material_ids, pdf, service_item

CODE = "RS-T-HOOK"


@pytest.fixture
def calls():
    seen = []

    def handler(*, case, actor):
        # The handler sees the case already approved, in the same transaction.
        seen.append((case.pk, Case.objects.get(pk=case.pk).status, actor))

    services.approval_handler_register(CODE, handler)
    services.approval_handler_register(CODE, handler)  # registering twice is harmless
    yield seen
    services.approval_handler_unregister(CODE, handler)


def _submit(citizen, item):
    ids = material_ids(item)
    return services.case_submit(
        actor=citizen,
        item=item,
        applicant=citizen.person,
        channel="web",
        form_data={"reason": "其他"},
        files={ids["居民身份证"]: pdf(), ids["解除劳动合同证明"]: pdf("b.pdf")},
    )


@pytest.mark.django_db
def test_handler_runs_once_on_the_last_approval(calls, citizen, clerk_maonan, reviewer_maonan):
    item = service_item(
        code=CODE,
        steps=[
            {"name": "受理", "role": "clerk"},
            {"name": "初审", "role": "reviewer"},
            {"name": "复审", "role": "reviewer"},
        ],
    )
    case = _submit(citizen, item)
    case = services.case_transition(case=case, action="accept", actor=clerk_maonan)
    case = services.case_transition(case=case, action="approve", actor=reviewer_maonan)
    assert calls == []  # the first review level is not the approval
    case = services.case_transition(case=case, action="approve", actor=reviewer_maonan)
    assert calls == [(case.pk, Status.APPROVED, reviewer_maonan)]
    services.case_transition(case=case, action="deliver", actor=clerk_maonan)
    assert len(calls) == 1


@pytest.mark.django_db
def test_handler_runs_when_acceptance_is_the_approval(calls, citizen, clerk_maonan):
    item = service_item(code=CODE, steps=[{"name": "受理并登记", "role": "clerk"}])
    case = services.case_transition(case=_submit(citizen, item), action="accept", actor=clerk_maonan)
    assert case.status == Status.APPROVED
    assert calls == [(case.pk, Status.APPROVED, clerk_maonan)]


@pytest.mark.django_db
def test_handler_runs_on_instant_approval(calls, citizen):
    item = service_item(code=CODE, auto_checks=["real_name_verified"])
    case = _submit(citizen, item)
    assert case.auto_approved and case.status == Status.CLOSED
    assert calls == [(case.pk, Status.CLOSED, None)]


@pytest.mark.django_db
def test_other_items_do_not_run_the_handler(calls, citizen, clerk_maonan):
    item = service_item(code="RS-T-OTHER", steps=[{"name": "受理并登记", "role": "clerk"}])
    services.case_transition(case=_submit(citizen, item), action="accept", actor=clerk_maonan)
    assert calls == []


@pytest.mark.django_db
def test_a_failing_handler_rolls_the_approval_back(citizen, clerk_maonan, reviewer_maonan):
    def refuse(*, case, actor):
        raise ValidationError({"person": "实名信息库显示其仍在职"})

    services.approval_handler_register(CODE, refuse)
    try:
        item = service_item(code=CODE)
        case = services.case_transition(case=_submit(citizen, item), action="accept", actor=clerk_maonan)
        with pytest.raises(ValidationError, match="仍在职"):
            services.case_transition(case=case, action="approve", actor=reviewer_maonan)
        case.refresh_from_db()
        assert case.status == Status.IN_REVIEW and case.decided_on is None
        assert not Transition.objects.filter(case=case, action="approve").exists()
    finally:
        services.approval_handler_unregister(CODE, refuse)
