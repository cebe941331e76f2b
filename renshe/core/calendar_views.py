"""Holiday notices entered by administrators (/calendar/, namespace "calendar").

``chinesecalendar`` knows only the years the State Council has published. For a later year an
administrator types the notice here, one day a line (``2027-01-01 休 元旦``, ``2027-02-07 班 春节调休``);
until then ``renshe.core.workdays`` counts Monday–Friday and every workbench page warns (DOMAIN.md §2).
A year the package covers cannot be edited: the official calendar wins.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count
from django.db.models.functions import ExtractYear
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from renshe.audit.models import AuditAction
from renshe.audit.services import audit_record
from renshe.core import workdays
from renshe.core.models import CalendarDay

MARKS = {"休": False, "班": True}
MIN_YEAR, MAX_YEAR = 2000, 2100


@dataclass(frozen=True)
class NoticeDay:
    day: date
    is_working_day: bool
    note: str


def package_covers(year: int) -> bool:
    """True when the State Council's notice for ``year`` ships with ``chinesecalendar``."""
    return workdays._published(year)


# --- the rule: parsing a notice ---------------------------------------------------------------


def notice_parse(text: str, year: int) -> list[NoticeDay]:
    """Parse one day a line: ``YYYY-MM-DD 休|班 [说明]``. Blank lines are skipped. Every bad line is
    reported (line number and reason) in one ``ValidationError`` on ``text``; nothing is partly taken."""
    days: list[NoticeDay] = []
    seen: dict[date, int] = {}
    errors: list[str] = []
    for number, raw in enumerate((text or "").splitlines(), start=1):
        line = raw.replace("\u3000", " ").strip()
        if not line:
            continue
        parts = line.split(None, 2)
        where = _("第 %(n)d 行（%(line)s）") % {"n": number, "line": line[:40]}
        try:
            day = date.fromisoformat(parts[0])
        except ValueError:
            errors.append(_("%(w)s：日期应写作 年-月-日，如 %(y)d-01-01") % {"w": where, "y": year})
            continue
        if day.year != year:
            errors.append(_("%(w)s：日期 %(d)s 不在 %(y)d 年") % {"w": where, "d": day.isoformat(), "y": year})
            continue
        mark = parts[1] if len(parts) > 1 else ""
        if mark not in MARKS:
            errors.append(_("%(w)s：第二项须为“休”或“班”") % {"w": where})
            continue
        note = parts[2].strip() if len(parts) > 2 else ""
        if len(note) > 60:
            errors.append(_("%(w)s：说明不能超过 60 个字") % {"w": where})
            continue
        if day in seen:
            errors.append(_("%(w)s：日期 %(d)s 与第 %(m)d 行重复") % {"w": where, "d": day.isoformat(), "m": seen[day]})
            continue
        seen[day] = number
        days.append(NoticeDay(day, MARKS[mark], note))
    if errors:
        raise ValidationError({"text": errors})
    if not days:
        raise ValidationError({"text": _("请至少录入一天的安排")})
    return sorted(days, key=lambda d: d.day)


def notice_format(rows) -> str:
    return "\n".join(f"{r.day.isoformat()} {'班' if r.is_working_day else '休'} {r.note}".rstrip() for r in rows)


# --- the write ----------------------------------------------------------------------------------


def calendar_year_replace(*, actor, year: int, days: list[NoticeDay]) -> int:
    """Replace ``year``'s entered days with ``days`` in one transaction, audited; then drop the
    working-day cache so this process counts with the new notice at once (others within a minute)."""
    if actor is not None and not actor.has_perm("core.manage_reference"):
        raise PermissionDenied(_("您没有维护基础数据的权限"))
    if package_covers(year):
        raise ValidationError(
            {"text": _("%(y)d 年的节假日安排已由国务院办公厅通知公布并内置于系统，不能修改") % {"y": year}}
        )
    if any(d.day.year != year for d in days):
        raise ValidationError({"text": _("所有日期须在 %(y)d 年内") % {"y": year}})
    with transaction.atomic():
        existing = CalendarDay.objects.select_for_update().filter(day__year=year)
        before = len(existing)
        existing.delete()
        CalendarDay.objects.bulk_create(
            [CalendarDay(day=d.day, is_working_day=d.is_working_day, note=d.note) for d in days]
        )
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            object_type="core.calendarday",
            object_id=str(year),
            object_repr=_("%(y)d 年节假日安排") % {"y": year},
            changes={
                "days": [before, len(days)],
                "rest": [None, [d.day.isoformat() for d in days if not d.is_working_day]],
                "work": [None, [d.day.isoformat() for d in days if d.is_working_day]],
            },
        )
    workdays.clear_cache()
    return len(days)


# --- pages --------------------------------------------------------------------------------------


class NoticeForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("节假日安排（每行一天：日期 休/班 说明）"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"class": "form-control font-monospace", "rows": 20, "spellcheck": "false"}),
        help_text=gettext_lazy(
            "例如：2027-01-01 休 元旦；2027-02-07 班 春节调休。未列出的日期按周一至周五上班、周末休息。"
        ),
    )


@login_required
@permission_required("core.manage_reference", raise_exception=True)
@require_GET
def year_list(request):
    this_year = timezone.localdate().year
    entered = dict(
        CalendarDay.objects.annotate(year=ExtractYear("day"))
        .values("year")
        .annotate(n=Count("id"))
        .values_list("year", "n")
    )
    years = sorted({this_year, this_year + 1, this_year + 2} | {y for y in entered if y >= this_year - 1})
    rows = [
        {
            "year": y,
            "package": package_covers(y),
            "entered": entered.get(y, 0),
            "official": package_covers(y) or bool(entered.get(y)),
        }
        for y in years
    ]
    missing = [r["year"] for r in rows if not r["official"] and r["year"] <= this_year + 1]
    return render(request, "core/calendar_list.html", {"rows": rows, "missing": missing, "this_year": this_year})


@login_required
@permission_required("core.manage_reference", raise_exception=True)
@require_http_methods(["GET", "POST"])
def year_edit(request, year: int):
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise Http404
    covered = package_covers(year)
    rows = CalendarDay.objects.filter(day__year=year).order_by("day")
    form = NoticeForm(request.POST if request.method == "POST" else None, initial={"text": notice_format(rows)})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                days = notice_parse(form.cleaned_data["text"], year)
                count = calendar_year_replace(actor=request.user, year=year, days=days)
            except ValidationError as exc:
                form.add_error("text", exc.message_dict.get("text", exc.messages))
            else:
                messages.success(request, _("已保存 %(y)d 年节假日安排，共 %(n)d 天") % {"y": year, "n": count})
                return redirect("calendar:year_list")
        status = 400
    return render(
        request,
        "core/calendar_edit.html",
        {"year": year, "form": form, "covered": covered, "official": workdays.is_official_year(year)},
        status=status,
    )
