from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from renshe.audit.models import AuditEntry
from renshe.core import workdays
from renshe.core.calendar_views import notice_parse, package_covers
from renshe.core.models import CalendarDay

NOTICE_2027 = """
2027-01-01 休 元旦
2027-02-06 班 春节调休
2027-02-08　休　春节
"""


def edit_url(year: int) -> str:
    return reverse("calendar:year_edit", args=[year])


def test_notice_lines_are_parsed_and_every_bad_line_reported():
    days = notice_parse(NOTICE_2027, 2027)
    assert [(d.day, d.is_working_day, d.note) for d in days] == [
        (date(2027, 1, 1), False, "元旦"),
        (date(2027, 2, 6), True, "春节调休"),
        (date(2027, 2, 8), False, "春节"),
    ]
    with pytest.raises(ValidationError) as err:
        notice_parse("2026-12-31 休 跨年\n2027-01-01 放 元旦\n2027/01/02 休\n2027-01-01 休\n2027-01-01 休", 2027)
    messages = err.value.message_dict["text"]
    assert len(messages) == 4
    assert "第 1 行" in messages[0] and "不在 2027 年" in messages[0]
    assert "第 2 行" in messages[1] and "“休”或“班”" in messages[1]
    assert "第 3 行" in messages[2] and "年-月-日" in messages[2]
    assert "第 5 行" in messages[3] and "与第 4 行重复" in messages[3]
    with pytest.raises(ValidationError):
        notice_parse(" \n", 2027)


@pytest.mark.django_db
def test_a_2027_notice_is_honoured_by_the_working_day_rules(client, city_admin):
    assert not package_covers(2027)
    client.force_login(city_admin)
    response = client.post(edit_url(2027), {"text": NOTICE_2027})
    assert response.status_code == 302
    assert CalendarDay.objects.filter(day__year=2027).count() == 3
    workdays.clear_cache()
    assert workdays.is_official_year(2027)
    assert workdays.add_working_days(date(2026, 12, 31), 1) == date(2027, 1, 4)  # 01-01 off, then the weekend
    assert workdays.add_working_days(date(2027, 2, 5), 1) == date(2027, 2, 6)  # Saturday worked (调休)
    assert workdays.add_working_days(date(2027, 2, 6), 1) == date(2027, 2, 9)  # 02-08 off
    entry = AuditEntry.objects.get(object_type="core.calendarday", object_id="2027")
    assert entry.actor_id == city_admin.pk and entry.changes["work"][1] == ["2027-02-06"]
    # The page shows what was entered, and saving again replaces it.
    assert "2027-02-06 班 春节调休" in client.get(edit_url(2027)).content.decode()
    client.post(edit_url(2027), {"text": "2027-10-01 休 国庆节"})
    assert list(CalendarDay.objects.values_list("day", flat=True)) == [date(2027, 10, 1)]


@pytest.mark.django_db
def test_a_year_the_package_covers_cannot_be_edited(client, city_admin):
    assert package_covers(2026)
    client.force_login(city_admin)
    page = client.get(edit_url(2026)).content.decode()
    assert 'data-testid="year-covered"' in page and "<textarea" not in page
    response = client.post(edit_url(2026), {"text": "2026-12-25 休 圣诞"})
    assert response.status_code == 400
    assert "已由国务院办公厅通知公布" in response.content.decode()
    assert not CalendarDay.objects.exists()
    assert not AuditEntry.objects.filter(object_type="core.calendarday").exists()


@pytest.mark.django_db
def test_bad_lines_store_nothing_and_keep_what_was_there(client, city_admin):
    CalendarDay.objects.create(day=date(2027, 1, 1), is_working_day=False, note="元旦")
    client.force_login(city_admin)
    response = client.post(edit_url(2027), {"text": "2027-05-01 休 劳动节\n2028-01-01 休 元旦"})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'data-field-error="text"' in html and "不在 2027 年" in html
    assert list(CalendarDay.objects.values_list("day", flat=True)) == [date(2027, 1, 1)]
    assert client.post(edit_url(2027), {"text": ""}).status_code == 400
    assert client.get(edit_url(1999)).status_code == 404


@pytest.mark.django_db
def test_year_list_warns_for_missing_years(client, city_admin):
    client.force_login(city_admin)
    this_year = timezone.localdate().year
    missing = [y for y in (this_year, this_year + 1) if not package_covers(y)]
    html = client.get(reverse("calendar:year_list")).content.decode()
    for year in missing:
        assert f"{year} 年的节假日安排尚未公布或录入" in html
    assert f'data-year="{this_year + 2}"' in html
    if missing:
        CalendarDay.objects.create(day=date(missing[0], 1, 1), is_working_day=False, note="元旦")
        workdays.clear_cache()
        html = client.get(reverse("calendar:year_list")).content.decode()
        assert f"{missing[0]} 年的节假日安排尚未公布或录入" not in html
        assert "管理员录入（1 天）" in html


@pytest.mark.django_db
def test_only_reference_data_administrators(client, clerk_maonan, reviewer_maonan):
    for user in (clerk_maonan, reviewer_maonan):
        client.force_login(user)
        assert client.get(reverse("calendar:year_list")).status_code == 403
        assert client.get(edit_url(2027)).status_code == 403
        assert client.post(edit_url(2027), {"text": NOTICE_2027}).status_code == 403
    assert not CalendarDay.objects.exists()
