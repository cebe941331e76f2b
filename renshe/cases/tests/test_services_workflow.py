from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from renshe import testing
from renshe.accounts.models import Message, Role
from renshe.cases import services
from renshe.cases.exceptions import CaseConflict
from renshe.cases.models import Case, CaseDocument, MaterialStatus, Status
from renshe.cases.testing import material_ids, pdf, service_item


@pytest.fixture
def item(db):
    return service_item()


def _submit(actor, applicant, item, *, deferred=False, channel="web"):
    ids = material_ids(item)
    files = {ids["居民身份证"]: pdf()}
    kwargs = {}
    if deferred:
        kwargs = {"deferred": [ids["解除劳动合同证明"]], "commitment": "本人承诺在期限内补交。"}
    else:
        files[ids["解除劳动合同证明"]] = pdf("证明.pdf")
    return services.case_submit(
        actor=actor,
        item=item,
        applicant=applicant,
        channel=channel,
        form_data={"reason": "劳动合同期满终止"},
        files=files,
        **kwargs,
    )


@pytest.mark.django_db(transaction=True)
def test_online_application_through_two_levels_to_closure(citizen, clerk_maonan, reviewer_maonan):
    item = service_item(
        steps=[
            {"name": "受理", "role": "clerk"},
            {"name": "初审", "role": "reviewer"},
            {"name": "复审", "role": "reviewer"},
        ]
    )
    case = _submit(citizen, citizen.person, item)
    assert case.status == Status.SUBMITTED and case.number.startswith("RS")
    case = services.case_transition(case=case, action="accept", actor=clerk_maonan, expected_version=case.version)
    assert case.status == Status.IN_REVIEW and case.review_level == 1 and case.due_date is not None
    case = services.case_transition(case=case, action="approve", actor=reviewer_maonan, expected_version=case.version)
    assert case.status == Status.IN_REVIEW and case.review_level == 2
    case = services.case_transition(
        case=case, action="approve", actor=reviewer_maonan, comment="同意", expected_version=case.version
    )
    assert case.status == Status.APPROVED
    case = services.case_transition(case=case, action="deliver", actor=clerk_maonan, expected_version=case.version)
    assert case.status == Status.CLOSED
    steps = list(case.transitions.values_list("action", "from_status", "to_status"))
    assert steps[0] == ("submit", "", "submitted")
    assert [s[0] for s in steps] == ["submit", "accept", "approve", "approve", "deliver"]
    assert Message.objects.filter(recipient=citizen).count() >= 3
    kinds = set(CaseDocument.objects.filter(case=case).values_list("kind", flat=True))
    assert {"acceptance", "decision"} <= kinds


@pytest.mark.django_db
def test_missing_required_material_is_refused_and_nothing_stored(citizen, item):
    with pytest.raises(ValidationError) as err:
        services.case_submit(
            actor=citizen, item=item, applicant=citizen.person, channel="web", form_data={"reason": "其他"}, files={}
        )
    assert "缺少必交材料：居民身份证" in str(err.value)
    assert Case.objects.count() == 0


@pytest.mark.django_db
def test_deferral_needs_a_commitment_and_sets_a_supply_deadline(citizen, clerk_maonan, item):
    ids = material_ids(item)
    with pytest.raises(ValidationError) as err:
        services.case_submit(
            actor=citizen,
            item=item,
            applicant=citizen.person,
            channel="web",
            form_data={"reason": "其他"},
            files={ids["居民身份证"]: pdf()},
            deferred=[ids["解除劳动合同证明"]],
        )
    assert "承诺" in str(err.value)
    case = _submit(citizen, citizen.person, item, deferred=True)
    assert case.materials.filter(status=MaterialStatus.DEFERRED).count() == 1
    case = services.case_transition(case=case, action="accept", actor=clerk_maonan)
    assert case.deferred_until is not None and case.deferred_until > case.accepted_on
    services.case_material_supply(case=case, material_id=ids["解除劳动合同证明"], upload=pdf("补交.pdf"), actor=citizen)
    case.refresh_from_db()
    assert case.deferred_until is None


@pytest.mark.django_db
def test_an_upload_that_is_not_what_its_name_says_is_refused(citizen, item):
    from django.core.files.uploadedfile import SimpleUploadedFile

    ids = material_ids(item)
    fake = SimpleUploadedFile("身份证.pdf", b"MZ\x90\x00 this is an executable", content_type="application/pdf")
    with pytest.raises(ValidationError) as err:
        services.case_submit(
            actor=citizen,
            item=item,
            applicant=citizen.person,
            channel="web",
            form_data={"reason": "其他"},
            files={ids["居民身份证"]: fake, ids["解除劳动合同证明"]: pdf()},
        )
    assert "不符" in str(err.value)
    assert Case.objects.count() == 0


@pytest.mark.django_db
def test_stale_version_loses_and_wrong_state_is_refused(citizen, clerk_maonan, item):
    case = _submit(citizen, citizen.person, item)
    seen = case.version
    services.case_transition(case=case, action="accept", actor=clerk_maonan, expected_version=seen)
    with pytest.raises(CaseConflict):
        services.case_transition(case=case, action="reject", actor=clerk_maonan, comment="x", expected_version=seen)
    with pytest.raises(CaseConflict):
        services.case_transition(case=case, action="accept", actor=clerk_maonan)
    assert Case.objects.get(pk=case.pk).transitions.filter(action="accept").count() == 1


@pytest.mark.django_db
def test_clerk_of_another_district_and_wrong_role_are_refused(citizen, clerk_gaozhou, clerk_maonan, item):
    case = _submit(citizen, citizen.person, item)
    with pytest.raises(PermissionDenied):
        services.case_transition(case=case, action="accept", actor=clerk_gaozhou)
    case = services.case_transition(case=case, action="accept", actor=clerk_maonan)
    with pytest.raises(PermissionDenied):  # a clerk cannot review
        services.case_transition(case=case, action="approve", actor=clerk_maonan)


@pytest.mark.django_db
def test_reject_and_correction_need_a_reason(citizen, clerk_maonan, item):
    case = _submit(citizen, citizen.person, item)
    with pytest.raises(ValidationError):
        services.case_transition(case=case, action="reject", actor=clerk_maonan, comment=" ")
    case = services.case_transition(
        case=case, action="request_correction", actor=clerk_maonan, comment="请补充解除劳动合同证明原件"
    )
    assert case.status == Status.CORRECTION
    case = services.case_transition(case=case, action="resubmit", actor=citizen, files={})
    assert case.status == Status.SUBMITTED


@pytest.mark.django_db
def test_suspended_working_days_extend_the_deadline(citizen, clerk_maonan, reviewer_maonan, item, monkeypatch):
    case = _submit(citizen, citizen.person, item)
    monkeypatch.setattr(services, "_today", lambda: date(2025, 9, 22))
    case = services.case_transition(case=case, action="accept", actor=clerk_maonan)
    assert case.due_date == date(2025, 9, 28)  # 5 working days: 23,24,25,26 and Sunday 28 (调休, worked)
    case = services.case_transition(case=case, action="suspend", actor=reviewer_maonan, comment="等待专家鉴定")
    monkeypatch.setattr(services, "_today", lambda: date(2025, 10, 10))
    case = services.case_transition(case=case, action="resume", actor=reviewer_maonan)
    # suspended from 09-22 to 10-10: working days 23,24,25,26,28,29,30,10-09,10-10 = 9
    assert case.suspended_working_days == 9
    # 5 + 9 = 14 working days after 09-22: ..., 10-09, 10-10, 10-11 (Saturday, worked), 10-13 … 10-16
    assert case.due_date == date(2025, 10, 16)


@pytest.mark.django_db
def test_instant_approval_when_checks_pass(citizen):
    item = service_item(
        code="RS-T-KA",
        name="社会保障卡挂失",
        kind="即办件",
        promised=0,
        legal=0,
        steps=[{"name": "受理", "role": "clerk"}],
        auto_checks=["real_name_verified", "resides_in_maoming"],
        materials=[],
        form_fields=[],
    )
    case = services.case_submit(actor=citizen, item=item, applicant=citizen.person, channel="mobile")
    assert case.status == Status.CLOSED and case.auto_approved
    assert "秒批" in case.decision_note


@pytest.mark.django_db
def test_bad_rating_opens_a_rectification_with_a_deadline(citizen, clerk_maonan, item):
    case = _submit(citizen, citizen.person, item)
    case = services.case_transition(case=case, action="reject", actor=clerk_maonan, comment="不属于本机关职权范围")
    with pytest.raises(ValidationError):
        services.case_rate(case=case, actor=citizen, grade=1)
    rating = services.case_rate(case=case, actor=citizen, grade=1, comment="窗口态度差")
    task = rating.rectification
    assert task.stage == "verify" and task.due_date > timezone.localdate()
    reviewer = testing.staff("reviewer_x", Role.REVIEWER, "440902")
    for text in ("已核实", "已电话回复", "已整改"):
        task = services.rectification_advance(task=task, actor=reviewer, text=text)
    assert task.stage == "done"
    with pytest.raises(CaseConflict):
        services.case_rate(case=case, actor=citizen, grade=5)
