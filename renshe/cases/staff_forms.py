"""Forms of the staff case pages: case actions, the window application, rectifications, metrics.

Forms only parse and shape input; every rule is checked by the service they feed
(``renshe.cases.services``), whose ``ValidationError`` is put back onto the form by field.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from renshe.cases.workflow import ACTIONS
from renshe.catalog.models import Requirement, ServiceItem, ServiceItemVersion
from renshe.core.identity import parse_resident_id

UPLOAD_ACCEPT = ".pdf,.jpg,.jpeg,.png,.ofd"

# What the comment box is called for each action on the case page.
COMMENT_LABELS = {
    "accept": gettext_lazy("受理意见（可不填）"),
    "reject": gettext_lazy("不予受理的理由（必填）"),
    "request_correction": gettext_lazy("其他需补正的内容"),
    "approve": gettext_lazy("审核意见（可不填）"),
    "deny": gettext_lazy("不予批准的理由（必填）"),
    "suspend": gettext_lazy("挂起原因（必填，如等待专家评审、第三方核查）"),
    "resume": gettext_lazy("说明（可不填）"),
    "deliver": gettext_lazy("送达说明（可不填）"),
}


class CaseActionForm(forms.Form):
    """One action on one case, carrying the case version the clerk saw (optimistic lock)."""

    action = forms.ChoiceField(
        choices=[(a.name, a.label) for a in ACTIONS.values() if a.staff], widget=forms.HiddenInput
    )
    expected_version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    comment = forms.CharField(
        label=gettext_lazy("意见"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"class": "form-control", "rows": 2}),
    )
    missing = forms.MultipleChoiceField(
        label=gettext_lazy("缺少或不符合要求的材料"),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )

    def __init__(self, *args, materials=(), **kwargs):
        super().__init__(*args, **kwargs)
        self._materials = {str(m.pk): m for m in materials}
        self.fields["missing"].choices = [(pk, m.name) for pk, m in self._materials.items()]
        action = self.initial.get("action") or (self.data.get("action") if self.is_bound else "")
        if action in COMMENT_LABELS:
            self.fields["comment"].label = COMMENT_LABELS[action]

    def comment_text(self) -> str:
        """The comment to record. For 一次性告知 it lists every missing material first, numbered,
        then the clerk's own words: the applicant must learn everything at once (行政许可法 第三十二条)."""
        text = self.cleaned_data.get("comment", "").strip()
        if self.cleaned_data.get("action") != "request_correction":
            return text
        chosen = [self._materials[pk] for pk in self.cleaned_data.get("missing", []) if pk in self._materials]
        if not chosen:
            return text
        lines = [_("一次性告知，请补正以下全部材料：")]
        for n, m in enumerate(chosen, start=1):
            lines.append(
                _("%(n)d. %(name)s（%(form)s %(copies)d 份）")
                % {"n": n, "name": m.name, "form": m.form, "copies": m.copies}
            )
        if text:
            lines.append(_("其他说明：%(t)s") % {"t": text})
        return "\n".join(lines)


class PersonLookupForm(forms.Form):
    id_number = forms.CharField(
        label=gettext_lazy("申请人身份证号码"),
        max_length=20,
        widget=forms.TextInput(attrs={"class": "form-control", "autocomplete": "off", "autofocus": True}),
    )

    def clean_id_number(self) -> str:
        return parse_resident_id(self.cleaned_data["id_number"]).number


class WindowApplyForm(forms.Form):
    """The application form for one item, or for every item of a 一件事 bundle.

    Field names follow the service's keys: ``<item code>:<field>`` for the item's form fields,
    ``material_<id>`` for an upload and ``defer_<id>`` for 容缺. In a bundle a material asked for
    by several items under the same name is shown once; the service reuses the upload.
    """

    commitment = forms.CharField(
        label=gettext_lazy("容缺受理承诺内容"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"class": "form-control", "rows": 2}),
        help_text=gettext_lazy("申请人在纸质承诺书上签字后，录入承诺内容，例如：本人承诺在期限内补交上述材料。"),
    )
    commitment_signed = forms.BooleanField(
        label=gettext_lazy("申请人已在纸质承诺书上签字"),
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )

    def __init__(self, *args, targets: list[tuple[ServiceItem, ServiceItemVersion]], **kwargs):
        super().__init__(*args, **kwargs)
        self.targets = targets
        self._alias: dict[int, int] = {}  # material id → the id of the field that carries its upload
        first_by_name: dict[str, int] = {}
        layout = []
        for item, version in targets:
            section = {"item": item, "version": version, "fields": [], "materials": []}
            for spec in version.form_fields or []:
                name = f"{item.code}:{spec['name']}"
                self.fields[name] = _form_field(spec)
                section["fields"].append(name)
            for material in version.materials.all():
                if material.name in first_by_name:
                    self._alias[material.pk] = first_by_name[material.name]
                    if material.requirement == Requirement.DEFERRABLE:
                        self._add_defer(first_by_name[material.name])
                    continue
                first_by_name[material.name] = material.pk
                self._alias[material.pk] = material.pk
                self.fields[f"material_{material.pk}"] = forms.FileField(
                    label=material.name,
                    required=False,
                    help_text=f"{material.form} · {material.copies} 份 · {material.get_requirement_display()}",
                    widget=forms.ClearableFileInput(attrs={"class": "form-control", "accept": UPLOAD_ACCEPT}),
                )
                if material.requirement == Requirement.DEFERRABLE:
                    self._add_defer(material.pk)
                section["materials"].append(material)
            layout.append(section)
        # Bound fields per section, for the template (which cannot look fields up by a computed name).
        self.sections = [
            {
                **section,
                "fields": [self[name] for name in section["fields"]],
                "materials": [
                    {
                        "material": m,
                        "file": self[f"material_{m.pk}"],
                        "defer": self[f"defer_{m.pk}"] if f"defer_{m.pk}" in self.fields else None,
                    }
                    for m in section["materials"]
                ],
            }
            for section in layout
        ]

    def _add_defer(self, material_id: int) -> None:
        self.fields.setdefault(
            f"defer_{material_id}",
            forms.BooleanField(
                label=gettext_lazy("容缺，承诺后补"),
                required=False,
                widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
            ),
        )

    @property
    def is_bundle(self) -> bool:
        return len(self.targets) > 1

    @property
    def has_deferrable(self) -> bool:
        return any(name.startswith("defer_") for name in self.fields)

    def clean(self):
        cleaned = super().clean()
        deferring = [k for k, v in cleaned.items() if k.startswith("defer_") and v]
        for key in deferring:
            if cleaned.get(f"material_{key.removeprefix('defer_')}"):
                self.add_error(key, _("已上传该材料，无需容缺"))
        if deferring and not cleaned.get("commitment_signed"):
            self.add_error("commitment_signed", _("容缺受理须由申请人在纸质承诺书上签字"))
        return cleaned

    def submission(self) -> dict:
        """The keyword arguments for ``case_submit`` (one item) or ``bundle_submit`` (a bundle)."""
        data = self.cleaned_data
        form_data, files, deferred = {}, {}, []
        for item, version in self.targets:
            for spec in version.form_fields or []:
                value = data.get(f"{item.code}:{spec['name']}")
                value = value.isoformat() if hasattr(value, "isoformat") else (value or "")
                form_data[spec["name"] if not self.is_bundle else f"{item.code}:{spec['name']}"] = value
            for material in version.materials.all():
                carrier = self._alias.get(material.pk, material.pk)
                upload = data.get(f"material_{carrier}") if carrier == material.pk else None
                if upload:
                    files[material.pk if not self.is_bundle else f"{item.code}:{material.pk}"] = upload
                if data.get(f"defer_{carrier}") and material.requirement == Requirement.DEFERRABLE:
                    deferred.append(material.pk if not self.is_bundle else f"{item.code}:{material.pk}")
        return {
            "form_data": form_data,
            "files": files,
            "deferred": deferred,
            "commitment": data.get("commitment", "") if deferred else "",
        }

    def add_service_errors(self, error: ValidationError) -> None:
        """Put a service error back on the field it names (item fields, uploads, commitment)."""
        if not hasattr(error, "error_dict"):
            self.add_error(None, error.messages)
            return
        single = None if self.is_bundle else self.targets[0][0].code
        for key, errors in error.message_dict.items():
            code, _sep, field = key.rpartition(":")
            code = code or single
            target = None
            if field.startswith("material_") and field.removeprefix("material_").isdigit():
                carrier = self._alias.get(int(field.removeprefix("material_")))
                target = f"material_{carrier}" if carrier else None
            elif f"{code}:{field}" in self.fields:
                target = f"{code}:{field}"
            elif field == "commitment":
                target = "commitment"
            for message in errors:
                self.add_error(target if target in self.fields else None, message)


def _form_field(spec: dict) -> forms.Field:
    label = spec.get("label") or spec["name"]
    required = bool(spec.get("required"))
    kind = spec.get("type", "text")
    if kind == "choice" and spec.get("choices"):
        return forms.ChoiceField(
            label=label,
            required=required,
            choices=[("", "——"), *((c, c) for c in spec["choices"])],
            widget=forms.Select(attrs={"class": "form-select"}),
        )
    if kind == "date":
        return forms.DateField(
            label=label, required=required, widget=forms.DateInput(attrs={"class": "form-control", "type": "date"})
        )
    if kind == "number":
        return forms.CharField(
            label=label,
            required=required,
            max_length=30,
            widget=forms.TextInput(attrs={"class": "form-control", "inputmode": "decimal"}),
        )
    if kind == "textarea":
        return forms.CharField(
            label=label,
            required=required,
            max_length=2000,
            widget=forms.Textarea(attrs={"class": "form-control", "rows": 3}),
        )
    return forms.CharField(
        label=label, required=required, max_length=200, widget=forms.TextInput(attrs={"class": "form-control"})
    )


class RectificationStageForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("内容"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"class": "form-control", "rows": 4}),
    )


class MetricsFilterForm(forms.Form):
    date_from = forms.DateField(
        label=gettext_lazy("决定日期自"),
        required=False,
        widget=forms.DateInput(attrs={"class": "form-control", "type": "date"}),
    )
    date_to = forms.DateField(
        label=gettext_lazy("至"),
        required=False,
        widget=forms.DateInput(attrs={"class": "form-control", "type": "date"}),
    )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("结束日期不能早于开始日期"))
        return cleaned
