"""The employer's batch import: per-row errors, all-or-nothing or good-only, the same file twice."""

import pytest
from django.core.exceptions import PermissionDenied

from renshe import testing
from renshe.labour.contracts.importing import MODE_ALL_OR_NOTHING, MODE_GOOD_ONLY, contracts_import
from renshe.labour.contracts.models import ContractImport, LabourContract
from renshe.labour.contracts.tests.support import employer_with_staff, row, xlsx
from renshe.registry.importing import ImportFileError

pytestmark = pytest.mark.django_db


def _file(people, stranger):
    return xlsx(
        [
            row(people[0].id_number),
            row(people[1].id_number, monthly_wage="1500"),  # below the minimum wage
            row(stranger.id_number),  # not employed here
            row("440902199001010000"),  # bad check digit
            row(people[2].id_number, end_date="2024-01-01"),  # end before start
        ]
    )


def test_all_or_nothing_stores_nothing_and_reports_every_bad_row():
    user, people = employer_with_staff(n=3)
    result = contracts_import(
        actor=user, file_name="c.xlsx", data=_file(people, testing.person(name="王五")), mode=MODE_ALL_OR_NOTHING
    )
    assert result.rejected and result.failed == 4 and result.created == 0
    assert {(e.row, e.field) for e in result.errors} >= {
        (3, "月工资（元）"),
        (4, "身份证号码"),
        (5, "身份证号码"),
        (6, "终止日期"),
    }
    assert not LabourContract.objects.exists() and not ContractImport.objects.exists()


def test_good_only_stores_the_good_rows_and_the_same_file_twice_adds_nothing():
    user, people = employer_with_staff(n=3)
    data = _file(people, testing.person(name="王五"))
    result = contracts_import(actor=user, file_name="c.xlsx", data=data, mode=MODE_GOOD_ONLY)
    assert (result.created, result.failed, result.rejected) == (1, 4, False)
    again = contracts_import(actor=user, file_name="c.xlsx", data=data, mode=MODE_GOOD_ONLY)
    assert again.created == 0 and "已导入过" in again.errors[0].reason
    assert LabourContract.objects.count() == 1


def test_a_different_file_with_the_same_contracts_adds_nothing():
    user, people = employer_with_staff(n=2)
    first = xlsx([row(p.id_number) for p in people])
    assert contracts_import(actor=user, file_name="a.xlsx", data=first, mode=MODE_ALL_OR_NOTHING).created == 2
    second = xlsx([row(p.id_number, platform_ref="other") for p in people])
    result = contracts_import(actor=user, file_name="b.xlsx", data=second, mode=MODE_ALL_OR_NOTHING)
    assert (result.created, result.skipped_existing, result.failed) == (0, 2, 0)
    assert LabourContract.objects.count() == 2


def test_a_person_twice_in_one_file():
    user, people = employer_with_staff(n=1)
    result = contracts_import(
        actor=user, file_name="a.xlsx", data=xlsx([row(people[0].id_number)] * 2), mode=MODE_GOOD_ONLY
    )
    assert result.created == 1 and result.errors[0].row == 3 and "重复" in result.errors[0].reason


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"not a spreadsheet", "xlsx"),
        (xlsx([], headers=["身份证号码", "合同类型"]), "缺少必填列"),
        (xlsx([], headers=["身份证号码", "手机号"]), "无法识别"),
    ],
)
def test_unreadable_files_are_refused(data, message):
    user, _people = employer_with_staff(n=1)
    with pytest.raises(ImportFileError) as exc:
        contracts_import(actor=user, file_name="x.xlsx", data=data, mode=MODE_GOOD_ONLY)
    assert message in exc.value.messages[0]


def test_only_employers_import(clerk_maonan):
    with pytest.raises(PermissionDenied):
        contracts_import(actor=clerk_maonan, file_name="x.xlsx", data=xlsx([]), mode=MODE_GOOD_ONLY)
