"""The import engine: ``registry_import_file`` on CSV and xlsx files written by the tests."""

from __future__ import annotations

import csv
import hashlib
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from openpyxl import Workbook

from renshe import testing
from renshe.audit.models import AuditAction, AuditEntry
from renshe.core.identity import build_uscc, resident_id_check_char
from renshe.registry.importing import (
    EMPLOYER_FILE_COLUMNS,
    PERSON_FILE_COLUMNS,
    ImportFileError,
    registry_import_file,
)
from renshe.registry.models import Employer, Person

pytestmark = pytest.mark.django_db

PERSON_HEADER = [c.label for c in PERSON_FILE_COLUMNS]
EMPLOYER_HEADER = [c.label for c in EMPLOYER_FILE_COLUMNS]
MAONAN = testing.MAONAN_TOWN
GAOZHOU = testing.GAOZHOU_TOWN


def person_row(name="王五", id_number=None, phone="13800138000", region=MAONAN, **extra) -> list[str]:
    values = {
        "姓名": name,
        "身份证号码": id_number or testing.id_number("440902"),
        "手机号码": phone,
        "居住地区划代码": region,
        "居住地址": extra.get("address", "站前路1号"),
        "户籍地区划代码": extra.get("household_region", ""),
        "户籍地址": extra.get("household_address", ""),
        "学历": extra.get("education", ""),
        "人员类别": extra.get("tags", ""),
    }
    return [values[h] for h in PERSON_HEADER]


def employer_row(credit_code=None, name="茂名市测试制造有限公司", region=MAONAN, **extra) -> list[str]:
    values = {
        "统一社会信用代码": credit_code or testing.credit_code("440902"),
        "单位名称": name,
        "行业门类": extra.get("industry", "C"),
        "所在地区划代码": region,
        "规模": extra.get("size", "小型"),
        "经济类型": extra.get("ownership", "私营"),
        "地址": "",
        "法定代表人": extra.get("legal_representative", "赵六"),
        "联系电话": "",
    }
    return [values[h] for h in EMPLOYER_HEADER]


def write_csv(path, rows, header=PERSON_HEADER, encoding="utf-8-sig"):
    with path.open("w", newline="", encoding=encoding) as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def write_xlsx(path, rows, header=PERSON_HEADER):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def impossible_date_id() -> str:
    body = "44090219900230001"  # 30 February
    return body + resident_id_check_char(body)


def wrong_check_digit_id() -> str:
    good = testing.id_number("440902")
    return good[:17] + ("1" if good[17] != "1" else "2")


def errors_by_row(result) -> dict[int, list[tuple[str, str]]]:
    found: dict[int, list[tuple[str, str]]] = {}
    for e in result.errors:
        found.setdefault(e.row, []).append((e.field, e.reason))
    return found


@pytest.fixture
def run(clerk_maonan):
    def _run(path, *, kind="person", mode="good_only", actor=clerk_maonan, **kwargs):
        return registry_import_file(actor=actor, kind=kind, path=path, mode=mode, **kwargs)

    return _run


# --- good files -----------------------------------------------------------------------------


def test_good_csv_creates_people_with_derived_fields_and_one_audit_entry(run, tmp_path):
    number = testing.id_number("440902", date(1985, 6, 15), female=True)
    path = write_csv(
        tmp_path / "people.csv",
        [
            person_row("张三丰", number, phone="+86 138-0013-8000", education="大学本科", tags="高校毕业生、退役军人"),
            person_row("李四", household_region="440981002", household_address="石仔岭街道"),
        ],
    )
    progress = []
    result = run(path, progress=lambda done, total: progress.append((done, total)))

    assert (result.total, result.created, result.skipped_existing, result.failed) == (2, 2, 0, 0)
    assert result.errors == []
    person = Person.objects.get(id_number=number)
    assert (person.name, person.name_initials, person.gender, person.birth_date) == (
        "张三丰",
        "zsf",
        "F",
        date(1985, 6, 15),
    )
    assert (person.phone, person.residence_region_id, person.education_id) == ("13800138000", MAONAN, "21")
    assert sorted(person.tags.values_list("code", flat=True)) == ["graduate", "veteran"]
    assert Person.objects.get(name="李四").household_region_id == "440981002"
    assert progress[-1] == (2, 2)
    entries = AuditEntry.objects.filter(action=AuditAction.IMPORT)
    assert entries.count() == 1
    entry = entries.get()
    assert entry.object_type == "registry.person"
    assert entry.changes["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    assert (entry.changes["file"], entry.changes["mode"], entry.changes["created"]) == ("people.csv", "good_only", 2)


def test_headers_in_any_order_and_optional_columns_left_out(run, tmp_path):
    header = ["居住地区划代码", "身份证号码", "姓名"]
    number = testing.id_number()
    path = write_csv(tmp_path / "p.csv", [[MAONAN, number, "王五"]], header=header)
    assert run(path).created == 1
    assert Person.objects.get(id_number=number).phone == ""


def test_xlsx_with_numeric_cells(run, tmp_path):
    number = testing.id_number()
    path = write_xlsx(tmp_path / "people.xlsx", [["王五", number, 13800138000, 440902001, "", None, "", "21", ""]])
    result = run(path)
    assert (result.created, result.failed) == (1, 0), result.errors
    assert Person.objects.get(id_number=number).phone == "13800138000"


def test_gb18030_csv_from_chinese_excel(run, tmp_path):
    path = write_csv(tmp_path / "gbk.csv", [person_row("欧阳修")], encoding="gb18030")
    assert run(path).created == 1
    assert Person.objects.get(name="欧阳修").name_initials == "oyx"


def test_utf8_without_bom(run, tmp_path):
    path = write_csv(tmp_path / "plain.csv", [person_row("王五")], encoding="utf-8")
    assert run(path).created == 1


def test_employers_import_and_skip_when_identical(run, tmp_path):
    code = testing.credit_code()
    path = write_csv(
        tmp_path / "employers.csv",
        [employer_row(code, industry="制造业", size="small"), employer_row(region="440902")],
        header=EMPLOYER_HEADER,
    )
    first = run(path, kind="employer")
    assert (first.created, first.failed) == (2, 0), first.errors
    employer = Employer.objects.get(credit_code=code)
    assert (employer.industry_id, employer.size, employer.ownership) == ("C", "small", "private")
    second = run(path, kind="employer")
    assert (second.created, second.skipped_existing, second.errors) == (0, 2, [])
    assert AuditEntry.objects.filter(action=AuditAction.IMPORT, object_type="registry.employer").count() == 2


def test_system_job_without_actor_may_import_anywhere(tmp_path):
    path = write_csv(tmp_path / "p.csv", [person_row(region=GAOZHOU)])
    assert registry_import_file(actor=None, kind="person", path=path, mode="good_only").created == 1


# --- bad rows -------------------------------------------------------------------------------


def test_every_bad_row_is_reported_with_row_field_and_reason(run, tmp_path):
    repeated = testing.id_number()
    path = write_csv(
        tmp_path / "bad.csv",
        [
            person_row("好人"),  # row 2
            person_row(id_number=wrong_check_digit_id()),  # 3
            person_row(id_number=impossible_date_id()),  # 4
            person_row(region="440902999"),  # 5: no such region
            person_row(id_number="999999199001010011"),  # 6: no such region in the number
            person_row("甲", repeated),  # 7
            person_row("乙", repeated),  # 8: same number as row 7
            person_row(name="", phone="12345", education="幼儿园", tags="外星人"),  # 9
            person_row(region="440900"),  # 10: the city is not a place of residence
            person_row(id_number="4.40902E+17"),  # 11: Excel's scientific notation
        ],
    )
    result = run(path)
    found = errors_by_row(result)
    assert (result.total, result.created, result.failed) == (10, 2, 8)
    assert set(found) == {3, 4, 5, 6, 8, 9, 10, 11}
    assert found[3] == [("身份证号码", found[3][0][1])] and "校验位" in found[3][0][1]
    assert "出生日期 19900230 不存在" in found[4][0][1]
    assert found[5] == [("居住地区划代码", "区划代码 440902999 不存在")]
    assert found[6][0][0] == "身份证号码" and "地区码 999999 不存在" in found[6][0][1]
    assert found[8] == [("身份证号码", "与第 7 行重复")]
    assert {f for f, _r in found[9]} == {"姓名", "手机号码", "学历", "人员类别"}
    assert found[10][0][0] == "居住地区划代码" and "区县或镇街" in found[10][0][1]
    assert "科学计数法" in found[11][0][1]
    assert result.bad_rows[5][PERSON_HEADER.index("居住地区划代码")] == "440902999"
    assert Person.objects.filter(name__in=["好人", "甲"]).count() == 2


def test_invalid_credit_codes_and_choices(run, tmp_path):
    good = build_uscc("440902", 4242)
    path = write_csv(
        tmp_path / "e.csv",
        [
            employer_row(good[:17] + ("0" if good[17] != "0" else "1")),
            employer_row(industry="Z", size="巨型", ownership=""),
        ],
        header=EMPLOYER_HEADER,
    )
    result = run(path, kind="employer")
    found = errors_by_row(result)
    assert result.failed == 2 and result.created == 0
    assert found[2][0][0] == "统一社会信用代码" and "校验位" in found[2][0][1]
    assert {f for f, _r in found[3]} == {"行业门类", "规模", "经济类型"}


def test_existing_record_is_skipped_and_a_difference_is_a_warning_not_an_overwrite(run, tmp_path, maonan_person):
    same = person_row(
        maonan_person.name, maonan_person.id_number, phone="", region=maonan_person.residence_region_id, address=""
    )
    changed = person_row("张三改名", maonan_person.id_number, phone="13900139000")
    result = run(write_csv(tmp_path / "same.csv", [same]))
    assert (result.created, result.skipped_existing, result.errors) == (0, 1, [])
    result = run(write_csv(tmp_path / "changed.csv", [changed]))
    assert (result.created, result.skipped_existing, result.failed, result.warned) == (0, 1, 0, 1)
    (warning,) = result.errors
    assert (warning.row, warning.field, warning.level) == (2, "身份证号码", "warning")
    assert warning.reason.startswith("已存在且信息不同，未覆盖") and "姓名" in warning.reason
    maonan_person.refresh_from_db()
    assert maonan_person.name == "张三"


def test_clerk_cannot_import_into_another_district(run, tmp_path):
    path = write_csv(tmp_path / "p.csv", [person_row("本区"), person_row("外区", region=GAOZHOU)])
    result = run(path)
    assert (result.created, result.failed) == (1, 1)
    (error,) = result.errors
    assert (error.row, error.field) == (3, "居住地区划代码")
    assert "不在您的管辖范围内" in error.reason
    assert not Person.objects.filter(name="外区").exists()


def test_household_region_outside_own_district_is_allowed(run, tmp_path):
    path = write_csv(tmp_path / "p.csv", [person_row(household_region=GAOZHOU)])
    assert run(path).created == 1


# --- modes and idempotency ------------------------------------------------------------------


def test_all_or_nothing_stores_nothing_when_a_row_is_bad(run, tmp_path):
    path = write_csv(tmp_path / "p.csv", [person_row("甲"), person_row("乙", id_number=wrong_check_digit_id())])
    result = run(path, mode="all_or_nothing")
    assert result.rejected
    assert (result.created, result.not_imported, result.failed) == (0, 1, 1)
    assert not Person.objects.exists()
    entry = AuditEntry.objects.get(action=AuditAction.IMPORT)
    assert entry.changes["rejected"] is True


def test_all_or_nothing_stores_everything_when_all_rows_are_good(run, tmp_path):
    path = write_csv(tmp_path / "p.csv", [person_row("甲", tags="veteran"), person_row("乙")])
    result = run(path, mode="all_or_nothing")
    assert (result.rejected, result.created) == (False, 2)
    assert Person.objects.count() == 2


def test_all_or_nothing_rolls_back_chunks_already_written(run, tmp_path, monkeypatch):
    monkeypatch.setattr("renshe.registry.importing.CHUNK_ROWS", 2)
    rows = [person_row(f"人{i}") for i in range(5)] + [person_row(region="440902999")]
    result = run(write_csv(tmp_path / "p.csv", rows), mode="all_or_nothing")
    assert result.rejected and result.not_imported == 5
    assert not Person.objects.exists()


def test_good_only_stores_the_good_rows(run, tmp_path):
    path = write_csv(tmp_path / "p.csv", [person_row("甲"), person_row("乙", id_number=wrong_check_digit_id())])
    result = run(path, mode="good_only")
    assert (result.created, result.failed, result.rejected) == (1, 1, False)
    assert list(Person.objects.values_list("name", flat=True)) == ["甲"]


def test_importing_the_same_file_twice_changes_nothing(run, tmp_path, monkeypatch):
    monkeypatch.setattr("renshe.registry.importing.CHUNK_ROWS", 3)
    rows = [person_row(f"人{i}", tags="graduate" if i % 2 else "") for i in range(7)]
    rows.append(person_row("错", id_number=wrong_check_digit_id()))
    path = write_xlsx(tmp_path / "p.xlsx", rows)
    first = run(path)
    assert (first.created, first.failed) == (7, 1)
    before = list(Person.objects.order_by("id").values_list("id", "updated_at"))
    tags_before = Person.tags.through.objects.count()
    second = run(path)
    assert (second.created, second.skipped_existing, second.failed, second.warned) == (0, 7, 1, 0)
    assert list(Person.objects.order_by("id").values_list("id", "updated_at")) == before
    assert Person.tags.through.objects.count() == tags_before == 3


# --- whole files refused --------------------------------------------------------------------


def test_wrong_columns_are_refused_naming_them(run, tmp_path):
    path = write_csv(tmp_path / "p.csv", [["王五", "x"]], header=["姓名", "手机号"])
    # 手机号 is an accepted alias of 手机号码; 身份证号码 and 居住地区划代码 are missing
    with pytest.raises(ImportFileError) as caught:
        run(path)
    message = caught.value.messages[0]
    assert "缺少必填列：身份证号码、居住地区划代码" in message
    path = write_csv(tmp_path / "q.csv", [[*person_row(), "x"]], header=[*PERSON_HEADER, "备注"])
    with pytest.raises(ImportFileError, match="无法识别的列：备注"):
        run(path)
    assert not Person.objects.exists()
    assert AuditEntry.objects.filter(action=AuditAction.IMPORT).count() == 2


def test_a_file_without_our_header_row_gets_a_hint(run, tmp_path):
    path = write_csv(tmp_path / "p.csv", [person_row()], header=["人员信息登记表", "", ""])
    with pytest.raises(ImportFileError, match="请确认第1行是表头"):
        run(path)


def test_employer_file_chosen_as_people_gets_a_hint(run, tmp_path):
    path = write_csv(tmp_path / "e.csv", [employer_row()], header=EMPLOYER_HEADER)
    with pytest.raises(ImportFileError, match="这像是用人单位的导入文件"):
        run(path)


def test_error_file_columns_are_accepted_back(run, tmp_path):
    path = write_csv(tmp_path / "p.csv", [[*person_row(), "第2行 ……"]], header=[*PERSON_HEADER, "错误原因"])
    assert run(path).created == 1


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.csv", b"", "文件是空的"),
        ("header.csv", ",".join(PERSON_HEADER).encode() + b"\r\n\r\n", "只有表头"),
        ("broken.xlsx", b"PK\x03\x04" + b"\x00garbage" * 50, "文件已损坏"),
        ("renamed.xlsx", b"name,id\n", "文件已损坏"),
        ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "旧版 Excel"),
        ("picture.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "只能导入"),
        ("notes.pdf", b"%PDF-1.4 hello", "只能导入"),
    ],
)
def test_malformed_files_are_refused(run, tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ImportFileError, match=message):
        run(path)
    assert not Person.objects.exists()


def test_truncated_xlsx_is_refused(run, tmp_path):
    good = write_xlsx(tmp_path / "good.xlsx", [person_row()])
    path = tmp_path / "cut.xlsx"
    path.write_bytes(good.read_bytes()[:-400])
    with pytest.raises(ImportFileError, match="文件已损坏"):
        run(path)


def test_oversized_file_is_refused(run, tmp_path, settings):
    settings.IMPORT_MAX_BYTES = 200
    path = write_csv(tmp_path / "big.csv", [person_row() for _ in range(5)])
    with pytest.raises(ImportFileError, match="超过上限"):
        run(path)
    assert not Person.objects.exists()


def test_too_many_rows_is_refused_and_nothing_is_kept(run, tmp_path, settings, monkeypatch):
    settings.IMPORT_MAX_ROWS = 3
    monkeypatch.setattr("renshe.registry.importing.CHUNK_ROWS", 2)  # two rows already written when refused
    path = write_csv(tmp_path / "many.csv", [person_row(f"人{i}") for i in range(4)])
    with pytest.raises(ImportFileError, match="超过上限 3 行"):
        run(path, mode="good_only")
    assert not Person.objects.exists()


def test_permission_is_required(citizen, tmp_path):
    path = write_csv(tmp_path / "p.csv", [person_row()])
    with pytest.raises(PermissionDenied):
        registry_import_file(actor=citizen, kind="person", path=path, mode="good_only")


def test_error_list_is_capped_but_every_failure_counted(run, tmp_path, monkeypatch):
    monkeypatch.setattr("renshe.registry.importing.ERROR_CAP", 3)
    path = write_csv(tmp_path / "p.csv", [person_row(region="440902999") for _ in range(6)])
    result = run(path)
    assert result.failed == 6
    assert len(result.errors) == 3 and result.errors_truncated


def test_a_row_with_more_cells_than_the_header_is_an_error(run, tmp_path):
    shifted = person_row()
    shifted[PERSON_HEADER.index("居住地址")] = "茂名市"
    shifted.insert(PERSON_HEADER.index("居住地址") + 1, "站前路1号")  # an unquoted comma split the address
    result = run(write_csv(tmp_path / "p.csv", [shifted]))
    assert result.failed == 1
    assert result.errors[0].field == "" and "未加引号的逗号" in result.errors[0].reason


def test_xlsx_cells_past_the_header_count_only_when_filled(run, tmp_path):
    path = write_xlsx(tmp_path / "p.xlsx", [[*person_row("甲"), None, ""], [*person_row("乙"), None, "多余"]])
    result = run(path)
    assert (result.created, result.failed) == (1, 1)
    assert result.errors[0].row == 3


def test_csv_with_trailing_empty_columns_everywhere_is_fine(run, tmp_path):
    path = tmp_path / "p.csv"
    path.write_text(f"姓名,身份证号码,居住地区划代码,,\r\n王五,{testing.id_number()},{MAONAN},,\r\n", encoding="utf-8")
    result = run(path)
    assert (result.created, result.failed, result.headers) == (1, 0, ["姓名", "身份证号码", "居住地区划代码"])
