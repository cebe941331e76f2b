"""Forms of the applicant's pages: the application built from an item's guide, 补正, 容缺补交, 好差评.

The forms only collect and render; every rule (required materials, 容缺 commitment, field formats,
bad grades needing a comment) is checked by ``renshe.cases.services`` and its ``ValidationError``
put back on the form with ``apply_service_errors`` (or ``apply_bundle_errors``).
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from renshe.cases.models import Grade
from renshe.catalog.models import Requirement

UPLOAD_ACCEPT = ".pdf,.jpg,.jpeg,.png,.ofd"
COMMITMENT_HELP = _(
    "勾选“容缺受理”的材料可以先不上传：请在此写明承诺在受理后规定期限内补交，逾期未补交的将按规定处理。"
)


def _upload_input() -> forms.FileInput:
    return forms.FileInput(attrs={"accept": UPLOAD_ACCEPT, "class": "form-control"})


def _guide_field(spec: dict) -> forms.Field:
    """One input of an item's application form (``ServiceItemVersion.form_fields``).

    Not required here: the service checks required fields together with the materials, so one
    submission lists every problem at once (一次性告知) rather than the form stopping at the first.
    The field is marked required for the page (``guide_required``).
    """
    kind = spec.get("type", "text")
    common = {"label": spec.get("label", spec["name"]), "required": False, "help_text": spec.get("help", "")}
    if kind == "choice":
        choices = [("", "——")] + [(c, c) for c in spec.get("choices", [])]
        field = forms.ChoiceField(choices=choices, widget=forms.Select(attrs={"class": "form-select"}), **common)
    else:
        widgets = {
            "textarea": forms.Textarea(attrs={"class": "form-control", "rows": 3}),
            "date": forms.DateInput(attrs={"class": "form-control", "type": "date"}),
            "number": forms.TextInput(attrs={"class": "form-control", "inputmode": "decimal"}),
        }
        widget = widgets.get(kind, forms.TextInput(attrs={"class": "form-control"}))
        field = forms.CharField(max_length=2000, widget=widget, **common)
    field.guide_required = bool(spec.get("required"))
    if field.guide_required:
        field.widget.attrs["aria-required"] = "true"
    return field


class ApplyForm(forms.Form):
    """An application for one item: its form fields, one upload per material, 容缺 and the commitment.

    Field names follow the service's error keys: form fields by their own name, uploads
    ``material_<id>``, the commitment ``commitment``; 容缺 checkboxes are ``defer_<id>``.
    """

    commitment = forms.CharField(
        label=_("容缺受理承诺书"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"class": "form-control", "rows": 3}),
        help_text=COMMITMENT_HELP,
    )

    def __init__(self, version, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.version = version
        self.materials = list(version.materials.all())
        self.guide_names = []
        for spec in version.form_fields or []:
            if spec["name"] in self.fields:
                continue  # a guide field may not shadow the commitment
            self.fields[spec["name"]] = _guide_field(spec)
            self.guide_names.append(spec["name"])
        self.fields["commitment"] = self.fields.pop("commitment")  # render after the guide's fields
        for m in self.materials:
            self.fields[f"material_{m.pk}"] = forms.FileField(
                label=m.name, required=False, widget=_upload_input(), help_text=m.note
            )
            if m.requirement == Requirement.DEFERRABLE:
                self.fields[f"defer_{m.pk}"] = forms.BooleanField(
                    label=_("容缺受理，承诺后补"),
                    required=False,
                    widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
                )

    def guide_fields(self):
        return [self[name] for name in self.guide_names]

    def material_rows(self):
        """(material, upload field, 容缺 checkbox or None) in the guide's order."""
        return [
            (m, self[f"material_{m.pk}"], self[f"defer_{m.pk}"] if f"defer_{m.pk}" in self.fields else None)
            for m in self.materials
        ]

    @property
    def has_deferrable(self) -> bool:
        return any(m.requirement == Requirement.DEFERRABLE for m in self.materials)

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        files = {m.pk: data[f"material_{m.pk}"] for m in self.materials if data.get(f"material_{m.pk}")}
        deferred = [m.pk for m in self.materials if data.get(f"defer_{m.pk}") and m.pk not in files]
        return {
            "form_data": {name: data.get(name) or "" for name in self.guide_names},
            "files": files,
            "deferred": deferred,
            "commitment": data.get("commitment", ""),
        }


class BundleApplyForm(forms.Form):
    """One application for a 一件事 bundle: each item's form fields, and each material asked once.

    A material several items ask for by the same name is one upload, sent under the first item
    that asks for it; ``bundle_submit`` reuses it for the others. Field names are the service's
    keys: ``<item code>:<field>``, ``<item code>:material_<id>``, ``<item code>:defer_<id>``.
    """

    commitment = ApplyForm.base_fields["commitment"]

    def __init__(self, items_with_versions, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.sections = []  # (item, [guide field names])
        self.shared = []  # (material, field name, defer name or None, [item names]) once per material name
        self.aliases = {}  # "<code>:material_<id>" of every item → the field it is asked under
        by_name: dict[str, int] = {}
        for item, version in items_with_versions:
            names = []
            for spec in version.form_fields or []:
                name = f"{item.code}:{spec['name']}"
                self.fields[name] = _guide_field(spec)
                names.append(name)
            self.sections.append((item, names))
            for m in version.materials.all():
                key = f"{item.code}:material_{m.pk}"
                if m.name in by_name:
                    row = self.shared[by_name[m.name]]
                    self.aliases[key] = row["field"]
                    row["items"].append(item.name)
                    if m.requirement == Requirement.DEFERRABLE:
                        row["defer_ids"].append(f"{item.code}:{m.pk}")
                    if _stricter(m.requirement, row["material"].requirement):
                        row["material"] = m
                    continue
                by_name[m.name] = len(self.shared)
                self.aliases[key] = key
                self.fields[key] = forms.FileField(
                    label=m.name, required=False, widget=_upload_input(), help_text=m.note
                )
                self.shared.append(
                    {
                        "material": m,
                        "field": key,
                        "file_key": f"{item.code}:{m.pk}",
                        "defer_field": f"{item.code}:defer_{m.pk}",
                        "defer_ids": [f"{item.code}:{m.pk}"] if m.requirement == Requirement.DEFERRABLE else [],
                        "items": [item.name],
                    }
                )
        for row in self.shared:
            if row["defer_ids"]:
                self.fields[row["defer_field"]] = forms.BooleanField(
                    label=_("容缺受理，承诺后补"),
                    required=False,
                    widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
                )
        self.fields["commitment"] = self.fields.pop("commitment")

    def item_sections(self):
        return [(item, [self[n] for n in names]) for item, names in self.sections]

    def material_rows(self):
        return [
            (
                row["material"],
                self[row["field"]],
                self[row["defer_field"]] if row["defer_field"] in self.fields else None,
                row["items"],
            )
            for row in self.shared
        ]

    @property
    def has_deferrable(self) -> bool:
        return any(row["defer_ids"] for row in self.shared)

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        files, deferred = {}, []
        for row in self.shared:
            upload = data.get(row["field"])
            if upload:
                files[row["file_key"]] = upload
            elif data.get(row["defer_field"]):
                deferred.extend(row["defer_ids"])
        form_data = {name: data.get(name) or "" for _item, names in self.sections for name in names}
        return {"form_data": form_data, "files": files, "deferred": deferred, "commitment": data.get("commitment", "")}


_STRICTNESS = {Requirement.OPTIONAL: 0, Requirement.DEFERRABLE: 1, Requirement.REQUIRED: 2}


def _stricter(a: str, b: str) -> bool:
    return _STRICTNESS.get(a, 0) > _STRICTNESS.get(b, 0)


def apply_bundle_errors(form: BundleApplyForm, error: ValidationError) -> None:
    """Put ``bundle_submit``'s errors (keyed ``<item code>:<field>``) on the inputs they concern."""
    for key, errors in error.message_dict.items():
        target = form.aliases.get(key, key)
        if key.endswith(":commitment"):
            target = "commitment"
        form.add_error(target if target in form.fields else None, errors)


class ResubmitForm(forms.Form):
    """补正: re-upload the materials named in the one-time complete notice."""

    expected_version = forms.IntegerField(widget=forms.HiddenInput)
    comment = forms.CharField(
        label=_("补正说明"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"class": "form-control", "rows": 2}),
    )

    def __init__(self, materials, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.materials = list(materials)
        for m in self.materials:
            self.fields[f"material_{m.pk}"] = forms.FileField(label=m.name, required=False, widget=_upload_input())

    def material_fields(self):
        return [self[f"material_{m.pk}"] for m in self.materials]

    def files_by_material(self) -> dict:
        return {m.pk: f for m in self.materials if (f := self.cleaned_data.get(f"material_{m.pk}"))}


class SupplyForm(forms.Form):
    """容缺受理: supply one deferred material."""

    expected_version = forms.IntegerField(widget=forms.HiddenInput)
    material = forms.IntegerField(widget=forms.HiddenInput)
    file = forms.FileField(label=_("补交材料"), widget=_upload_input())


class WithdrawForm(forms.Form):
    """撤回: the version the applicant saw, and an optional reason."""

    expected_version = forms.IntegerField(widget=forms.HiddenInput)
    comment = forms.CharField(
        label=_("撤回原因（选填）"),
        required=False,
        max_length=500,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )


GRADE_CHOICES = [("", "——"), *Grade.choices]


class RatingForm(forms.Form):
    """好差评: the case, the window and the staff member, five grades each."""

    expected_version = forms.IntegerField(widget=forms.HiddenInput)
    grade = forms.TypedChoiceField(
        label=_("办件评价"), choices=GRADE_CHOICES, coerce=int, widget=forms.Select(attrs={"class": "form-select"})
    )
    window_grade = forms.TypedChoiceField(
        label=_("窗口评价"), choices=GRADE_CHOICES, coerce=int, widget=forms.Select(attrs={"class": "form-select"})
    )
    staff_grade = forms.TypedChoiceField(
        label=_("工作人员评价"), choices=GRADE_CHOICES, coerce=int, widget=forms.Select(attrs={"class": "form-select"})
    )
    comment = forms.CharField(
        label=_("评价内容"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"class": "form-control", "rows": 3}),
        help_text=_("选择“不满意”或“非常不满意”时请写明原因，我们将核实整改并回复您。"),
    )
