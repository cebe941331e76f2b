"""REST endpoints of cases (DESIGN.md: /api/v1/cases/): applicants see their own, staff their region.

Filing goes through ``services.case_submit`` and every state change through
``services.case_transition``; the API only parses, fetches through the scoped selectors and renders.
A stale ``expected_version`` answers 409 (``CaseConflict``, see ``renshe.core.api``).
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from renshe.accounts.models import Role
from renshe.cases import selectors, services
from renshe.cases.models import Case, CaseDocument, CaseMaterial, SlaState, Status, Transition
from renshe.cases.workflow import ACTIONS
from renshe.catalog.models import ServiceItem
from renshe.catalog.selectors import current_version
from renshe.core.api_views import ScopedViewSet

MATERIAL_FIELD = re.compile(r"^material_(\d+)$")
# Steps recorded by the services that are not declared actions of the workflow.
_OTHER_STEPS = {
    "submit": gettext_lazy("提交申请"),
    "auto_approve": gettext_lazy("秒批"),
    "supply": gettext_lazy("补交材料"),
}


# --- serializers ----------------------------------------------------------------------------


class ApplicantOut(serializers.Serializer):
    name = serializers.CharField()
    id_number = serializers.CharField(source="masked_id_number", help_text="masked: 440902********123X")


class CaseOut(serializers.ModelSerializer):
    item = serializers.CharField(source="item_version.item.code")
    item_name = serializers.CharField(source="item_version.item.name")
    item_version = serializers.IntegerField(source="item_version.number")
    status_label = serializers.CharField(source="get_status_display")
    channel = serializers.CharField(help_text="web, mobile, window or phone")
    channel_label = serializers.CharField(source="get_channel_display")
    applicant = ApplicantOut()
    region = serializers.CharField(source="region_id")
    region_name = serializers.CharField(source="region.name")
    deadline = serializers.SerializerMethodField()
    working_days_left = serializers.SerializerMethodField()

    class Meta:
        model = Case
        fields = [
            "id",
            "number",
            "item",
            "item_name",
            "item_version",
            "status",
            "status_label",
            "review_level",
            "version",
            "channel",
            "channel_label",
            "applicant",
            "region",
            "region_name",
            "submitted_at",
            "acceptance_due",
            "accepted_on",
            "due_date",
            "legal_due_date",
            "deadline",
            "working_days_left",
            "sla_state",
            "auto_approved",
        ]

    def get_deadline(self, case) -> str | None:
        due = selectors.case_deadline(case)
        return due.isoformat() if due else None

    def get_working_days_left(self, case) -> int | None:
        """Working days to the deadline that applies now; negative once overdue; null when not timed."""
        return selectors.case_days_left(case)


class TransitionOut(serializers.ModelSerializer):
    action_label = serializers.SerializerMethodField()
    from_status = serializers.CharField()
    to_status = serializers.CharField()
    actor_role = serializers.SerializerMethodField()
    actor_role_label = serializers.SerializerMethodField()

    class Meta:
        model = Transition
        fields = [
            "action",
            "action_label",
            "from_status",
            "to_status",
            "level",
            "at",
            "actor_role",
            "actor_role_label",
            "comment",
        ]

    def get_action_label(self, t) -> str:
        spec = ACTIONS.get(t.action)
        return str(spec.label) if spec else str(_OTHER_STEPS.get(t.action, t.action))

    def get_actor_role(self, t) -> str:
        """The role of whoever acted (never their name); ``system`` for automatic steps."""
        return t.actor.role if t.actor_id else "system"

    def get_actor_role_label(self, t) -> str:
        return str(Role(t.actor.role).label) if t.actor_id else _("系统")


class CaseMaterialOut(serializers.ModelSerializer):
    material = serializers.IntegerField(source="material_id")
    name = serializers.CharField(source="material.name")
    requirement = serializers.CharField(source="material.requirement")
    status = serializers.CharField(help_text="submitted, missing, deferred or accepted")
    status_label = serializers.CharField(source="get_status_display")
    file_name = serializers.CharField(source="file.original_name", allow_null=True)
    file_size = serializers.IntegerField(source="file.size", allow_null=True)
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = CaseMaterial
        fields = [
            "id",
            "material",
            "name",
            "requirement",
            "status",
            "status_label",
            "note",
            "file_name",
            "file_size",
            "download_url",
        ]

    def get_download_url(self, cm) -> str | None:
        if not cm.file_id:
            return None
        return reverse("cases:material_download", kwargs={"case_pk": cm.case_id, "pk": cm.pk})


class CaseDocumentOut(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display")
    file_name = serializers.CharField(source="file.original_name")
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = CaseDocument
        fields = ["id", "kind", "kind_label", "case_version", "issued_at", "file_name", "download_url"]

    def get_download_url(self, doc) -> str:
        return reverse("cases:document_download", kwargs={"case_pk": doc.case_id, "pk": doc.pk})


class CaseDetailOut(CaseOut):
    timeline = TransitionOut(source="transitions", many=True, read_only=True)
    materials = CaseMaterialOut(many=True, read_only=True)
    documents = CaseDocumentOut(many=True, read_only=True)

    class Meta(CaseOut.Meta):
        fields = [
            *CaseOut.Meta.fields,
            "form_data",
            "decided_on",
            "closed_on",
            "decision_note",
            "suspended_working_days",
            "deferred_until",
            "timeline",
            "materials",
            "documents",
        ]


class CaseIn(serializers.Serializer):
    """An online application. Files come as multipart fields named ``material_<id>`` (the ids of
    the guide's materials); ``deferred`` lists the ids left for later under 容缺受理."""

    item = serializers.CharField(max_length=20, help_text="事项编码")
    channel = serializers.ChoiceField(choices=["web", "mobile"], default="web")
    form_data = serializers.JSONField(
        required=False, default=dict, help_text="申请表字段（multipart 时为 JSON 字符串）"
    )
    deferred = serializers.ListField(child=serializers.IntegerField(min_value=1), required=False, default=list)
    commitment = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")

    def validate_form_data(self, value):
        if not isinstance(value, dict):
            raise serializers.ValidationError(_("申请信息须为 JSON 对象"))
        return value


class CaseTransitionIn(serializers.Serializer):
    action = serializers.ChoiceField(choices=sorted(ACTIONS))
    comment = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")
    expected_version = serializers.IntegerField(
        min_value=1, help_text="the case's version as the caller saw it: a stale one answers 409"
    )


# --- helpers ------------------------------------------------------------------------------------


def _material_files(request, allowed: set[int]) -> dict[int, object]:
    """The uploaded ``material_<id>`` files keyed by material id; any other file field is an error."""
    files, errors = {}, {}
    for key in request.FILES:
        match = MATERIAL_FIELD.match(key)
        if match is None or int(match.group(1)) not in allowed:
            errors[key] = _("该事项没有这项材料")
            continue
        files[int(match.group(1))] = request.FILES[key]
    if errors:
        raise ValidationError(errors)
    return files


def _detail_queryset(user):
    transitions = Transition.objects.select_related("actor").order_by("at", "id")
    materials = CaseMaterial.objects.select_related("material", "file").order_by("material__order", "id")
    documents = CaseDocument.objects.select_related("file").order_by("issued_at", "id")
    return (
        selectors.cases_visible_to(user)
        .select_related("item_version__item", "applicant", "region")
        .prefetch_related(
            Prefetch("transitions", queryset=transitions),
            Prefetch("materials", queryset=materials),
            Prefetch("documents", queryset=documents),
        )
    )


# --- viewset ------------------------------------------------------------------------------------


@extend_schema(tags=["cases"])
class CaseViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """Applications and their timelines: an applicant's own, or the cases of a staff member's region."""

    serializer_class = CaseOut
    queryset = Case.objects.none()  # for the schema; rows come from scoped_queryset

    def scoped_queryset(self, user):
        params = self.request.query_params
        qs = selectors.cases_visible_to(user).select_related("item_version__item", "applicant", "region")
        state = params.get("status", "")
        if state:
            if state not in Status.values:
                raise ValidationError({"status": _("无效的办件状态：%(s)s") % {"s": state}})
            qs = qs.filter(status=state)
        sla = params.get("sla", "")
        if sla:
            if sla not in SlaState.values:
                raise ValidationError({"sla": _("无效的时限状态：%(s)s") % {"s": sla}})
            qs = qs.filter(sla_state=sla)
        item = params.get("item", "")
        if item:
            qs = qs.filter(item_version__item__code=item)
        return qs.order_by("-submitted_at", "-id")

    def get_serializer_class(self):
        return CaseDetailOut if self.action == "retrieve" else CaseOut

    @extend_schema(
        parameters=[
            OpenApiParameter("status", str, enum=Status.values),
            OpenApiParameter("item", str, description="事项编码"),
            OpenApiParameter("sla", str, enum=SlaState.values),
        ]
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    def get_object(self):
        # Same 404 for a case that does not exist and one outside the caller's scope.
        selectors.get_case_for_user_or_404(self.request.user, self.kwargs["pk"])
        return _detail_queryset(self.request.user).get(pk=self.kwargs["pk"])

    @extend_schema(
        request={"multipart/form-data": CaseIn, "application/json": CaseIn},
        responses={201: CaseDetailOut},
        description="个人用户在线申请。材料以 multipart 文件字段 material_<材料id> 上传。",
    )
    def create(self, request):
        user = request.user
        if user.role != Role.CITIZEN or not user.person_id:
            raise exceptions.PermissionDenied(_("只有实名认证的个人用户可以在线申请"))
        data = CaseIn(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        item = ServiceItem.objects.filter(code=values["item"], is_active=True).first()
        version = current_version(item) if item is not None else None
        if version is None:
            raise ValidationError({"item": _("事项 %(c)s 不存在或已停止办理") % {"c": values["item"]}})
        files = _material_files(request, {m.pk for m in version.materials.all()})
        case = services.case_submit(
            actor=user,
            item=item,
            applicant=user.person,
            channel=values["channel"],
            form_data=values["form_data"],
            files=files,
            deferred=values["deferred"],
            commitment=values["commitment"],
        )
        case = _detail_queryset(user).get(pk=case.pk)
        return Response(CaseDetailOut(case).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request={"application/json": CaseTransitionIn, "multipart/form-data": CaseTransitionIn},
        responses={200: CaseDetailOut},
        description="办件流转：受理、不予受理、一次性告知、补正后重新提交（可附 material_<id> 文件）、审核、"
        "挂起、恢复、送达、撤回。expected_version 已过期时返回 409。",
    )
    @action(detail=True, methods=["post"])
    def transition(self, request, pk=None):
        case = selectors.get_case_for_user_or_404(request.user, pk)
        data = CaseTransitionIn(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        files = _material_files(request, {m.pk for m in case.item_version.materials.all()})
        case = services.case_transition(
            case=case,
            action=values["action"],
            actor=request.user,
            comment=values["comment"],
            expected_version=values["expected_version"],
            files=files,
        )
        case = _detail_queryset(request.user).get(pk=case.pk)
        return Response(CaseDetailOut(case).data)
