import io
import re
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from renshe.cases import services
from renshe.cases.models import Case, Rating, Status
from renshe.cases.testing import material_ids, pdf, service_item


def decided(clerk, person, item, *, accepted, decided_on, due, auto=False, grade=None) -> Case:
    ids = material_ids(item)
    files = {ids[name]: pdf() for name in ids if name != "其他材料"}
    form = {"reason": "其他"} if item.current_version.form_fields else {}
    case = services.case_submit(actor=clerk, item=item, applicant=person, channel="window", form_data=form, files=files)
    Case.objects.filter(pk=case.pk).update(
        status=Status.CLOSED,
        accepted_on=accepted,
        decided_on=decided_on,
        closed_on=decided_on,
        due_date=due,
        auto_approved=auto,
    )
    if grade:
        Rating.objects.create(case=case, grade=grade, window_grade=grade, staff_grade=grade)
    return case


@pytest.fixture
def known_cases(db, clerk_maonan, clerk_gaozhou, maonan_person, gaozhou_person):
    """茂南: 失业登记 on time (4 working days, 非常满意) and late (9 working days, 不满意); one 秒批 card
    report. 高州: one 失业登记 on time. Dates around National Day 2025 (10-01…10-08 off, 09-28 worked)."""
    a = service_item(code="RS-T-A", name="失业登记")
    b = service_item(code="RS-T-B", name="社保卡挂失", materials=[], form_fields=[])
    decided(
        clerk_maonan,
        maonan_person,
        a,
        accepted=date(2025, 9, 22),
        decided_on=date(2025, 9, 26),
        due=date(2025, 9, 28),
        grade=5,
    )
    decided(
        clerk_maonan,
        maonan_person,
        a,
        accepted=date(2025, 9, 22),
        decided_on=date(2025, 10, 10),
        due=date(2025, 9, 28),
        grade=2,
    )
    decided(
        clerk_maonan,
        maonan_person,
        b,
        accepted=date(2025, 10, 9),
        decided_on=date(2025, 10, 9),
        due=date(2025, 10, 9),
        auto=True,
    )
    decided(
        clerk_gaozhou,
        gaozhou_person,
        a,
        accepted=date(2025, 9, 22),
        decided_on=date(2025, 9, 23),
        due=date(2025, 9, 28),
    )


def row(html: str, name: str, testid: str) -> list[str]:
    table = re.search(rf'data-testid="{testid}".*?</table>', html, re.S).group(0)
    tr = re.search(rf'<tr data-name="{name}">(.*?)</tr>', table, re.S).group(1)
    return [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", tr, re.S)]


@pytest.mark.django_db
def test_metrics_for_a_known_set_of_cases(client, known_cases, reviewer_maonan):
    client.force_login(reviewer_maonan)
    html = client.get(reverse("cases:metrics")).content.decode()
    # name, total, on time, rate, average working days, 秒批, ratings, satisfaction, average grade
    assert row(html, "失业登记", "metrics-item") == ["失业登记", "2", "1", "50.0%", "6.5", "0", "2", "50.0%", "3.5"]
    assert row(html, "社保卡挂失", "metrics-item") == ["社保卡挂失", "1", "1", "100.0%", "0.0", "1", "0", "—", "—"]
    assert row(html, "茂南区", "metrics-district")[:6] == ["茂南区", "3", "2", "66.7%", "4.3", "1"]
    assert "高州市" not in html  # a district reviewer sees only the district
    assert re.search(r'data-testid="on-time-rate">66.7%', html)


@pytest.mark.django_db
def test_city_view_and_date_range(client, known_cases, statistician):
    client.force_login(statistician)
    html = client.get(reverse("cases:metrics")).content.decode()
    assert row(html, "失业登记", "metrics-item")[:4] == ["失业登记", "3", "2", "66.7%"]
    assert row(html, "高州市", "metrics-district")[:3] == ["高州市", "1", "1"]
    html = client.get(reverse("cases:metrics"), {"date_from": "2025-10-01", "date_to": "2025-10-31"}).content.decode()
    assert row(html, "失业登记", "metrics-item")[:4] == ["失业登记", "1", "0", "0.0%"]
    assert 'data-name="高州市"' not in html


@pytest.mark.django_db
def test_export_to_excel(client, known_cases, statistician):
    client.force_login(statistician)
    response = client.get(reverse("cases:metrics_export"), {"date_from": "2025-09-01"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[c.value for c in r] for r in sheet.iter_rows()]
    assert rows[0][:5] == ["维度", "名称", "办结件数", "按时办结", "按时办结率（%）"]
    assert ["事项", "失业登记", 3, 2, 66.7] in [r[:5] for r in rows]
    assert ["区县", "高州市", 1, 1, 100.0] in [r[:5] for r in rows]


@pytest.mark.django_db
def test_bad_range_and_permission(client, known_cases, statistician, clerk_maonan):
    client.force_login(statistician)
    response = client.get(reverse("cases:metrics"), {"date_from": "2025-12-01", "date_to": "2025-01-01"})
    assert response.status_code == 400 and "结束日期不能早于开始日期" in response.content.decode()
    assert client.get(reverse("cases:metrics"), {"date_from": "not-a-date"}).status_code == 400
    client.force_login(clerk_maonan)
    assert client.get(reverse("cases:metrics")).status_code == 403
    assert client.get(reverse("cases:metrics_export")).status_code == 403
