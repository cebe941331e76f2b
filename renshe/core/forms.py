"""Form pieces shared by every module."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from renshe.core.models import EducationLevel, Industry, PersonTag, Region, RegionLevel


def region_choices(prefix: str = "4409"):
    """Towns grouped by county, limited to ``prefix`` (a user's own region)."""

    def build():
        towns = (
            Region.objects.filter(level=RegionLevel.TOWN, code__startswith=prefix)
            .select_related("parent")
            .order_by("code")
        )
        groups: dict[str, list] = {}
        for town in towns:
            groups.setdefault(town.parent.name, []).append((town.code, town.name))
        return [("", "——"), *groups.items()]

    return build


def industry_choices():
    return [("", "——")] + [(i.code, f"{i.code} {i.name}") for i in Industry.objects.all()]


def education_choices():
    return [("", "——")] + [(e.code, e.name) for e in EducationLevel.objects.all()]


def tag_choices():
    return [(t.code, t.name) for t in PersonTag.objects.all()]


class RegionChoiceField(forms.ChoiceField):
    def __init__(self, *args, prefix: str = "4409", **kwargs):
        kwargs.setdefault("widget", forms.Select(attrs={"class": "form-select"}))
        super().__init__(*args, choices=region_choices(prefix), **kwargs)

    def limit_to(self, prefix: str) -> None:
        self.choices = region_choices(prefix)()


def apply_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Put a service's ``ValidationError`` onto the form, by field where it names one."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            target = field if field in form.fields else None
            for e in errors:
                form.add_error(target, e.messages if hasattr(e, "messages") else e)
    else:
        form.add_error(None, error.messages)


def errors_to_messages(request, exc: ValidationError) -> None:
    """A service's error as one message at the top of the page (for forms without their own fields)."""
    from django.contrib import messages

    messages.error(request, "；".join(exc.messages))


def form_errors_to_messages(request, form: forms.Form) -> None:
    from django.contrib import messages

    messages.error(
        request,
        "；".join(f"{form.fields[f].label}：{e[0]}" if f in form.fields else str(e[0]) for f, e in form.errors.items()),
    )
