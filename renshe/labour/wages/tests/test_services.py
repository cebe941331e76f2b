"""Services: registering a project and its records, payrolls and confirmation, bank files (all or
nothing, idempotent), warning actions — with bad input and other people's projects."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from openpyxl import Workbook

from renshe import testing
from renshe.accounts.models import Message, Role
from renshe.core.identity import build_resident_id
from renshe.labour.wages import services_payroll as pay
from renshe.labour.wages import services_projects as svc
from renshe.labour.wages import services_warnings as warn
from renshe.labour.wages.models import Attendance, BankImport, BankTransaction, Payroll, WageWarning
from renshe.labour.wages.tests.wages_testing import TODAY, build

pytestmark = pytest.mark.django_db

PROJECT = {
    "name": "茂南区官渡路安置房项目",
    "address": "官渡路88号",
    "approval_number": "茂发改〔2025〕12号",
    "funding_source": "财政资金",
    "funds_in_place": True,
    "permit_number": "440902202512010101",
    "contract_sum": Decimal("8600000"),
    "contract_signed_on": date(2025, 12, 1),
    "start_on": date(2025, 12, 15),
    "end_on": date(2026, 12, 31),
    "pay_day": 15,
    "transfer_cycle_days": 30,
    "labour_share": Decimal(20),
}


@pytest.fixture
def contractor(db):
    return testing.employer_user("contractor_a")


@pytest.fixture
def project(contractor):
    return svc.project_register(actor=contractor, employer=contractor.employer, region=testing.MAONAN_TOWN, **PROJECT)


def test_register_a_project_with_account_deposit_and_worker(contractor, project):
    account = svc.account_open(
        actor=contractor, project=project, bank="工商银行", number="6222 0000 1111 2222", opened_on=date(2025, 12, 5)
    )
    deposit = svc.deposit_lodge(
        actor=contractor,
        project=project,
        kind="guarantee",
        amount="172000",
        lodged_on=date(2025, 12, 10),
        letter_number="BH2025-1",
        expires_on=date(2026, 12, 31),
    )
    person = testing.person(name="李四")
    worker = svc.worker_add(
        actor=contractor,
        project=project,
        id_number=person.id_number,
        joined_on=date(2025, 12, 15),
        contract_signed=True,
        registered=True,
        bank_card="6228480000000001",
    )
    assert account.number == "6222000011112222"
    assert deposit.expires_on == date(2026, 12, 31)
    assert worker.person == person and worker.masked_card == "622848******0001"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"end_on": date(2025, 12, 1)}, "end_on"),
        ({"contract_sum": Decimal(0)}, "contract_sum"),
        ({"contract_sum": Decimal(-5)}, "contract_sum"),
        ({"pay_day": 32}, "pay_day"),
        ({"transfer_cycle_days": 45}, "transfer_cycle_days"),
        ({"name": " "}, "name"),
    ],
)
def test_a_bad_project_is_refused_naming_the_field(contractor, change, field):
    with pytest.raises(ValidationError) as exc:
        svc.project_register(
            actor=contractor, employer=contractor.employer, region=testing.MAONAN_TOWN, **(PROJECT | change)
        )
    assert field in exc.value.error_dict


def test_an_employer_cannot_register_for_another_or_act_on_another_project(contractor, project):
    other = testing.employer_user("contractor_b")
    with pytest.raises(PermissionDenied):
        svc.project_register(actor=other, employer=contractor.employer, region=testing.MAONAN_TOWN, **PROJECT)
    with pytest.raises(PermissionDenied):
        svc.account_open(actor=other, project=project, bank="x", number="62220000", opened_on=date(2025, 12, 5))


def test_a_worker_with_an_invalid_or_unknown_id_number_is_refused(contractor, project):
    with pytest.raises(ValidationError) as exc:
        svc.worker_add(actor=contractor, project=project, id_number="440902199001011234", joined_on=date(2026, 1, 1))
    assert "校验" in exc.value.message_dict["id_number"][0] or "末位" in exc.value.message_dict["id_number"][0]
    unknown = build_resident_id("440902", date(1991, 2, 3), 77)
    with pytest.raises(ValidationError) as exc:
        svc.worker_add(actor=contractor, project=project, id_number=unknown, joined_on=date(2026, 1, 1))
    assert exc.value.message_dict["id_number"] == ["实名信息库中没有该身份证号码的人员，请先办理实名登记"]


def _worker(contractor, project, name="王五"):
    person = testing.person(name=name)
    return svc.worker_add(
        actor=contractor,
        project=project,
        id_number=person.id_number,
        joined_on=date(2025, 12, 15),
        contract_signed=True,
        registered=True,
        bank_card="6228480000000002",
    )


def test_attendance_import_is_all_or_nothing_and_can_run_twice(contractor, project):
    worker = _worker(contractor, project)
    good = f"身份证号码,日期\n{worker.person.id_number},2026-01-05\n{worker.person.id_number},2026-01-06\n".encode()
    bad = good + b"440902199001011234,2026-01-07\n" + f"{worker.person.id_number},2026-13-01\n".encode()
    result = svc.attendance_import(actor=contractor, project=project, name="a.csv", content=bad)
    assert result["applied"] == 0 and [e["line"] for e in result["errors"]] == [4, 5]
    assert Attendance.objects.count() == 0
    assert svc.attendance_import(actor=contractor, project=project, name="a.csv", content=good)["applied"] == 2
    assert svc.attendance_import(actor=contractor, project=project, name="a.csv", content=good)["applied"] == 0
    book = Workbook()
    book.active.append(["身份证号码", "日期"])
    book.active.append([worker.person.id_number, "2026-01-08"])
    buf = io.BytesIO()
    book.save(buf)
    assert (
        svc.attendance_import(actor=contractor, project=project, name="a.xlsx", content=buf.getvalue())["applied"] == 1
    )


def test_payroll_refuses_a_negative_amount_and_stores_nothing(contractor, project):
    worker = _worker(contractor, project)
    with pytest.raises(ValidationError) as exc:
        pay.payroll_file(
            actor=contractor,
            project=project,
            month=date(2026, 1, 1),
            lines=[{"worker": worker.pk, "days": 20, "amount_due": "-100", "amount_paid": "0"}],
        )
    assert exc.value.message_dict["lines"] == ["第 1 行：金额不能为负数"]
    assert not Payroll.objects.exists()


def test_payroll_filed_then_confirmed_by_the_worker_on_the_phone(contractor, project):
    person = testing.person(name="赵六")
    worker = svc.worker_add(
        actor=contractor,
        project=project,
        id_number=person.id_number,
        joined_on=date(2025, 12, 15),
        registered=True,
        contract_signed=True,
    )
    payroll = pay.payroll_file(
        actor=contractor,
        project=project,
        month=date(2026, 1, 1),
        lines=[{"worker": worker.pk, "days": 20, "amount_due": "6000", "amount_paid": "6000"}],
    )
    assert payroll.status == "submitted"
    with pytest.raises(ValidationError):
        pay.payroll_file(
            actor=contractor,
            project=project,
            month=date(2026, 1, 1),
            lines=[{"worker": worker.pk, "days": 1, "amount_due": "1", "amount_paid": "1"}],
        )
    line = payroll.lines.get()
    stranger = testing.citizen("someone_else", name="钱七")
    with pytest.raises(PermissionDenied):
        pay.payroll_line_confirm(actor=stranger, line=line)
    from renshe.accounts.services import user_create

    me = user_create(
        actor=None, username="zhao6", password=testing.PASSWORD, role=Role.CITIZEN, person=person, display_name="赵六"
    )
    assert pay.payroll_line_confirm(actor=me, line=line).signature == "phone"
    with pytest.raises(ValidationError):
        pay.payroll_line_confirm(actor=me, line=line)


# --- bank files ------------------------------------------------------------------------------------------


@pytest.fixture
def inspector(db):
    return testing.staff("inspector_mn", Role.INSPECTOR, "440902")


def _bank_csv(lines):
    head = "银行流水号,专用账户账号,类型,金额,交易日期,收款人身份证号码,收款卡号\n"
    return (head + "".join(",".join(line) + "\n" for line in lines)).encode()


def test_bank_file_with_bad_lines_applies_nothing_and_names_each_line(inspector):
    project = build()
    acct = project.account.number
    worker = project.workers.select_related("person").first()
    before = BankTransaction.objects.count()
    content = _bank_csv(
        [
            ("T1", acct, "credit", "1000", "2026-03-19", "", ""),
            ("T2", "999999999", "credit", "1000", "2026-03-19", "", ""),
            ("T3", acct, "payout", "3000", "2026-03-19", build_resident_id("440902", date(1980, 1, 1), 5), ""),
            ("T4", acct, "credit", "-5", "2026-03-19", "", ""),
            ("T5", acct, "payout", "3000", "2026-03-19", worker.person.id_number, ""),
            ("T5", acct, "payout", "3000", "2026-03-19", worker.person.id_number, ""),
        ]
    )
    batch = pay.bank_file_import(actor=inspector, name="bank.csv", content=content)
    assert batch.status == BankImport.Status.REJECTED
    assert [e["line"] for e in batch.errors] == [3, 4, 5, 6, 7]
    assert batch.errors[0]["error"] == "第 3 行：未知的专用账户 999999999"
    assert batch.errors[2]["error"] == "第 5 行：金额必须为正数：-5"
    assert BankTransaction.objects.count() == before


def test_the_same_bank_file_twice_applies_nothing_new(inspector):
    project = build()
    acct = project.account.number
    worker = project.workers.select_related("person").first()
    content = _bank_csv(
        [
            ("N1", acct, "credit", "1000", "2026-03-19", "", ""),
            ("N2", acct, "代发", "3000.00", "2026-03-19", "", worker.bank_card),
        ]
    )
    first = pay.bank_file_import(actor=inspector, name="bank.csv", content=content)
    second = pay.bank_file_import(actor=inspector, name="bank.csv", content=content)
    assert (first.applied, first.already) == (2, 0)
    assert (second.applied, second.already, second.status) == (0, 2, "applied")
    assert BankTransaction.objects.get(bank_txn_id="N2").worker == worker


def test_bank_file_of_another_district_is_unknown_for_the_inspector(inspector):
    project = build(region=testing.GAOZHOU_TOWN)
    batch = pay.bank_file_import(
        actor=inspector,
        name="b.csv",
        content=_bank_csv([("G1", project.account.number, "credit", "1", "2026-03-19", "", "")]),
    )
    assert batch.status == "rejected" and "未知的专用账户" in batch.errors[0]["error"]
    with pytest.raises(PermissionDenied):
        pay.bank_file_import(actor=testing.employer_user("x_emp"), name="b.csv", content=b"")


# --- warning actions -------------------------------------------------------------------------------------


@pytest.fixture
def w3(db):
    build("W3")
    warn.wage_warnings_evaluate(today=TODAY)
    return WageWarning.objects.get(rule="W3")


def test_close_needs_a_reason(inspector, w3):
    with pytest.raises(ValidationError) as exc:
        warn.warning_act(actor=inspector, warning=w3, action="close", comment="  ")
    assert exc.value.message_dict["comment"] == ["关闭预警须填写原因"]
    closed = warn.warning_act(actor=inspector, warning=w3, action="close", comment="已补发")
    assert (closed.status, closed.close_reason) == ("closed", "已补发")
    assert list(closed.actions.values_list("action", "actor__username")) == [("open", None), ("close", "inspector_mn")]


def test_acknowledge_then_escalate_tells_the_district_leader(inspector, w3):
    leader = testing.staff("leader_mn", Role.LEADER, "440902")
    w = warn.warning_act(actor=inspector, warning=w3, action="acknowledge")
    with pytest.raises(ValidationError):
        warn.warning_act(actor=inspector, warning=w, action="acknowledge")
    with pytest.raises(ValidationError):  # a stale version
        warn.warning_act(actor=inspector, warning=w, action="escalate", version=1)
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        w = warn.warning_act(actor=inspector, warning=w, action="escalate", comment="请协调", version=w.version)
    assert w.status == "escalated"
    assert Message.objects.get(recipient=leader).title.startswith("欠薪预警上报")


def test_a_citizen_or_employer_cannot_act_on_warnings(w3):
    with pytest.raises(PermissionDenied):
        warn.warning_act(actor=testing.employer_user("e1"), warning=w3, action="acknowledge")


def test_to_inspection_opens_one_inspection_case_in_one_click(inspector, w3):
    from renshe.labour.inspection.models import InspectionCase

    w = warn.warning_act(actor=inspector, warning=w3, action="to_inspection")
    case = InspectionCase.objects.get(pk=w.inspection_case_id)
    assert w.status == "to_inspection" and w.inspection_ref == case.number
    assert (case.source, case.source_ref, case.employer_id) == ("wage_warning", str(w3.pk), w3.employer_id)
    assert case.summary.startswith("W3 发薪日已过未代发工资：")
    with pytest.raises(ValidationError):
        warn.warning_act(actor=inspector, warning=w, action="to_inspection")
    assert InspectionCase.objects.count() == 1


def test_an_inspector_of_another_district_cannot_act(w3):
    other = testing.staff("inspector_gz", Role.INSPECTOR, "440981")
    from renshe.labour.wages.selectors import warnings_visible_to

    assert not warnings_visible_to(other).filter(pk=w3.pk).exists()


def test_a_wage_arrears_inspection_case_is_an_external_signal_w9(inspector, w3):
    warn.warning_act(actor=inspector, warning=w3, action="to_inspection")
    warn.wage_warnings_evaluate(today=TODAY)
    w9 = WageWarning.objects.get(rule="W9", project=w3.project)
    assert w9.evidence == "近半年欠薪监察案件 1 件"
    assert w9.level == "yellow"


PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    + b"\x00" * 64
)


def test_the_signed_sheet_scan_signs_the_lines_not_confirmed_yet(contractor, project):
    from django.core.files.uploadedfile import SimpleUploadedFile

    a, b = _worker(contractor, project, "甲一"), _worker(contractor, project, "乙二")
    payroll = pay.payroll_file(
        actor=contractor,
        project=project,
        month=date(2026, 1, 1),
        lines=[{"worker": w.pk, "days": 20, "amount_due": "6000", "amount_paid": "6000"} for w in (a, b)],
    )
    payroll.lines.filter(worker=a).update(signature="phone")
    with pytest.raises(ValidationError) as exc:
        pay.payroll_scan_attach(
            actor=contractor, payroll=payroll, uploaded=SimpleUploadedFile("s.exe", b"MZ" + b"0" * 100)
        )
    assert "file" in exc.value.message_dict
    pay.payroll_scan_attach(actor=contractor, payroll=payroll, uploaded=SimpleUploadedFile("sheet.png", PNG))
    assert dict(payroll.lines.values_list("worker_id", "signature")) == {a.pk: "phone", b.pk: "scan"}
    assert payroll.scan.original_name == "sheet.png"
    with pytest.raises(PermissionDenied):
        pay.payroll_scan_attach(
            actor=testing.employer_user("other_x"), payroll=payroll, uploaded=SimpleUploadedFile("sheet.png", PNG)
        )
