"""REST endpoints: /api/v1/mediation-cases/ and /api/v1/mediation-organisations/.

Cases: a citizen lists and files their own (POST: ``organisation``, ``respondent_name`` or
``respondent_credit_code``, ``respondent_address`` when the employer is not registered, ``facts``,
``items``: [{``kind``, ``amount``, ``period_from``, ``period_to``, ``facts``}]); staff list the cases
of their region and may file a walk-in (``applicant_id_number``, ``channel`` walk_in|phone). Bad input
is a 400 naming the field; another region's or another person's case is a 404.
Organisations: read only (active ones for the public, the region's for staff).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from renshe.accounts.models import Role
from renshe.core.api_views import ScopedViewSet
from renshe.labour.mediation import selectors, services
from renshe.labour.mediation.models import Channel, ClaimKind, MediationCase, Organisation
from renshe.registry.selectors import persons_visible_to


class MediationOrganisationOut(serializers.ModelSerializer):
    level_label = serializers.CharField(source="get_level_display")
    region = serializers.CharField(source="region_id")
    region_name = serializers.CharField(source="region.name")

    class Meta:
        model = Organisation
        fields = ["id", "name", "level", "level_label", "region", "region_name", "community", "address", "phone"]


class MediationItemOut(serializers.Serializer):
    kind = serializers.CharField()
    kind_label = serializers.CharField(source="get_kind_display")
    amount = serializers.DecimalField(max_digits=12, decimal_places=2)
    period_from = serializers.DateField(allow_null=True)
    period_to = serializers.DateField(allow_null=True)
    facts = serializers.CharField()
    agreed_amount = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    agreed_terms = serializers.CharField()


class MediationCaseOut(serializers.ModelSerializer):
    applicant_name = serializers.CharField(source="applicant.masked_name")
    organisation_name = serializers.CharField(source="organisation.name")
    status_label = serializers.CharField(source="get_status_display")
    items = MediationItemOut(many=True)

    class Meta:
        model = MediationCase
        fields = [
            "id",
            "number",
            "applicant_name",
            "respondent_name",
            "organisation",
            "organisation_name",
            "channel",
            "status",
            "status_label",
            "outcome",
            "applied_on",
            "received_on",
            "deadline",
            "concluded_on",
            "performance_deadline",
            "performance",
            "items",
        ]


class MediationItemIn(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ClaimKind.choices)
    amount = serializers.DecimalField(max_digits=12, decimal_places=2, required=False, default=0)
    period_from = serializers.DateField(required=False, allow_null=True, default=None)
    period_to = serializers.DateField(required=False, allow_null=True, default=None)
    facts = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class MediationCaseIn(serializers.Serializer):
    organisation = serializers.IntegerField()
    respondent_name = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    respondent_credit_code = serializers.CharField(max_length=18, required=False, allow_blank=True, default="")
    respondent_address = serializers.CharField(max_length=120, required=False, allow_blank=True, default="")
    facts = serializers.CharField(max_length=2000)
    items = MediationItemIn(many=True, allow_empty=True)
    applicant_id_number = serializers.CharField(max_length=18, required=False, allow_blank=True, default="")
    channel = serializers.ChoiceField(choices=Channel.choices, required=False, default=Channel.MOBILE)


class MediationCaseViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    permission_classes = [IsAuthenticated]
    serializer_class = MediationCaseOut

    def scoped_queryset(self, user):
        return (
            selectors.cases_visible_to(user)
            .select_related("applicant", "organisation")
            .prefetch_related("items")
            .order_by("-id")
        )

    @extend_schema(request=MediationCaseIn, responses={201: MediationCaseOut})
    def create(self, request):
        user = request.user
        data_in = MediationCaseIn(data=request.data)
        data_in.is_valid(raise_exception=True)
        data = data_in.validated_data
        organisation = Organisation.objects.filter(pk=data["organisation"]).select_related("region").first()
        if organisation is None:
            raise ValidationError({"organisation": _("没有该调解组织")})
        if user.role == Role.CITIZEN and user.person_id:
            applicant = user.person
        elif user.is_bureau_staff:
            if not user.has_perm("mediation.mediate_case"):
                raise PermissionDenied(_("您没有办理调解案件的权限"))
            applicant = persons_visible_to(user).filter(id_number=data["applicant_id_number"].strip().upper()).first()
            if applicant is None:
                raise ValidationError({"applicant_id_number": _("辖区内没有该身份证号码的人员")})
        else:
            raise PermissionDenied
        case = services.case_apply(
            actor=user,
            applicant=applicant,
            organisation=organisation,
            respondent_employer=selectors.employer_by_credit_code(data["respondent_credit_code"]),
            respondent_name=data["respondent_name"],
            respondent_address=data["respondent_address"],
            facts=data["facts"],
            items=[dict(i) for i in data["items"]],
            channel=data["channel"],
        )
        case = self.scoped_queryset(user).get(pk=case.pk)
        return Response(MediationCaseOut(case).data, status=status.HTTP_201_CREATED)


class OrganisationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    permission_classes = [IsAuthenticated]
    serializer_class = MediationOrganisationOut

    def scoped_queryset(self, user):
        return selectors.organisations_visible_to(user).order_by("-level", "region_id", "name")
