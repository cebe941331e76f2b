"""REST endpoints of the registry (DESIGN.md: /api/v1/persons/, /api/v1/employers/)."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.permissions import DjangoModelPermissions
from rest_framework.response import Response

from renshe.core.api_views import ScopedViewSet
from renshe.registry import selectors, services
from renshe.registry.models import Employer, Employment, Person


class RegistryPermissions(DjangoModelPermissions):
    perms_map = {**DjangoModelPermissions.perms_map, "GET": ["%(app_label)s.view_%(model_name)s"]}


class RevealPermission(DjangoModelPermissions):
    """POST …/reveal/ reads a record: it needs view and reveal, not ``add_person`` as a plain POST would."""

    perms_map = {"POST": ["%(app_label)s.view_%(model_name)s", "registry.reveal_personal_data"]}


class ChangePermission(DjangoModelPermissions):
    """POST to an action that changes an existing row (ending a job) needs ``change_*``, not ``add_*``."""

    perms_map = {"POST": ["%(app_label)s.change_%(model_name)s"]}


# --- serializers ----------------------------------------------------------------------------


class PersonOut(serializers.ModelSerializer):
    id_number = serializers.CharField(source="masked_id_number")
    phone = serializers.CharField(source="masked_phone")
    residence_region = serializers.CharField(source="residence_region_id")
    residence_region_name = serializers.CharField(source="residence_region.name")
    tags = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)

    class Meta:
        model = Person
        fields = [
            "id",
            "name",
            "id_number",
            "gender",
            "birth_date",
            "phone",
            "residence_region",
            "residence_region_name",
            "household_region",
            "education",
            "tags",
            "created_at",
            "updated_at",
        ]


class PersonIn(serializers.Serializer):
    name = serializers.CharField(max_length=40)
    id_number = serializers.CharField(max_length=18)
    residence_region = serializers.CharField(max_length=12)
    phone = serializers.CharField(max_length=20, required=False, allow_blank=True, default="")
    household_region = serializers.CharField(max_length=12, required=False, allow_blank=True, default="")
    household_address = serializers.CharField(max_length=120, required=False, allow_blank=True, default="")
    address = serializers.CharField(max_length=120, required=False, allow_blank=True, default="")
    education = serializers.CharField(max_length=4, required=False, allow_blank=True, default="")
    tags = serializers.ListField(child=serializers.CharField(max_length=30), required=False, default=list)


class PersonPatch(PersonIn):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = False


class RevealOut(serializers.Serializer):
    id_number = serializers.CharField()
    phone = serializers.CharField()


class EmployerOut(serializers.ModelSerializer):
    contact_phone = serializers.CharField(source="masked_contact_phone")
    region = serializers.CharField(source="region_id")
    region_name = serializers.CharField(source="region.name")
    industry = serializers.CharField(source="industry_id")

    class Meta:
        model = Employer
        fields = [
            "id",
            "credit_code",
            "name",
            "industry",
            "region",
            "region_name",
            "size",
            "ownership",
            "address",
            "legal_representative",
            "contact_phone",
            "created_at",
            "updated_at",
        ]


class EmployerIn(serializers.Serializer):
    credit_code = serializers.CharField(max_length=18)
    name = serializers.CharField(max_length=100)
    industry = serializers.CharField(max_length=4)
    region = serializers.CharField(max_length=12)
    size = serializers.CharField(max_length=10)
    ownership = serializers.CharField(max_length=12)
    address = serializers.CharField(max_length=120, required=False, allow_blank=True, default="")
    legal_representative = serializers.CharField(max_length=40, required=False, allow_blank=True, default="")
    contact_phone = serializers.CharField(max_length=20, required=False, allow_blank=True, default="")


class EmploymentOut(serializers.ModelSerializer):
    person_name = serializers.CharField(source="person.name")
    employer_name = serializers.CharField(source="employer.name")

    class Meta:
        model = Employment
        fields = [
            "id",
            "person",
            "person_name",
            "employer",
            "employer_name",
            "start_date",
            "end_date",
            "contract_type",
            "position",
            "end_reason",
        ]


class EmploymentIn(serializers.Serializer):
    person = serializers.IntegerField()
    employer = serializers.IntegerField()
    start_date = serializers.DateField()
    contract_type = serializers.CharField(max_length=12)
    position = serializers.CharField(max_length=60, required=False, allow_blank=True, default="")


class EmploymentEndIn(serializers.Serializer):
    end_date = serializers.DateField()
    reason = serializers.CharField(max_length=60, required=False, allow_blank=True, default="")


# --- viewsets -------------------------------------------------------------------------------


@extend_schema(tags=["registry"])
class PersonViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """People in the asking user's region; identity numbers and phones masked (``reveal`` for the full values)."""

    serializer_class = PersonOut
    permission_classes = [RegistryPermissions]
    queryset = Person.objects.none()  # for DjangoModelPermissions and the schema; rows come from scoped_queryset

    def scoped_queryset(self, user):
        params = self.request.query_params
        return selectors.person_list(
            viewer=user,
            query=params.get("q", ""),
            region=params.get("region", ""),
            tag=params.get("tag", ""),
            gender=params.get("gender", ""),
        ).prefetch_related("tags")

    @extend_schema(
        parameters=[
            OpenApiParameter("q", str, description="姓名、拼音首字母或身份证号码"),
            OpenApiParameter("region", str),
            OpenApiParameter("tag", str),
            OpenApiParameter("gender", str),
        ]
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    def get_object(self):
        return selectors.get_person_for_user_or_404(self.request.user, self.kwargs["pk"])

    @extend_schema(request=PersonIn, responses={201: PersonOut})
    def create(self, request):
        data = PersonIn(data=request.data)
        data.is_valid(raise_exception=True)
        person = services.person_register(actor=request.user, **data.validated_data)
        return Response(PersonOut(person).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=PersonPatch, responses=PersonOut)
    def partial_update(self, request, pk=None):
        person = self.get_object()
        data = PersonPatch(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        person = services.person_update(actor=request.user, person=person, **data.validated_data)
        return Response(PersonOut(person).data)

    @extend_schema(request=None, responses=RevealOut)
    @action(detail=True, methods=["post"], permission_classes=[RevealPermission])
    def reveal(self, request, pk=None):
        person = self.get_object()
        return Response(services.person_reveal(actor=request.user, person=person))


@extend_schema(tags=["registry"])
class EmployerViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    serializer_class = EmployerOut
    permission_classes = [RegistryPermissions]
    queryset = Employer.objects.none()

    def scoped_queryset(self, user):
        params = self.request.query_params
        return selectors.employer_list(
            viewer=user, query=params.get("q", ""), region=params.get("region", ""), industry=params.get("industry", "")
        )

    def get_object(self):
        return selectors.get_employer_for_user_or_404(self.request.user, self.kwargs["pk"])

    @extend_schema(request=EmployerIn, responses={201: EmployerOut})
    def create(self, request):
        data = EmployerIn(data=request.data)
        data.is_valid(raise_exception=True)
        employer = services.employer_register(actor=request.user, **data.validated_data)
        return Response(EmployerOut(employer).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=["registry"])
class EmploymentViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    serializer_class = EmploymentOut
    permission_classes = [RegistryPermissions]
    queryset = Employment.objects.none()

    def scoped_queryset(self, user):
        qs = selectors.employments_visible_to(user).select_related("person", "employer").order_by("-start_date", "-id")
        person = self.request.query_params.get("person")
        if person and person.isdigit():
            qs = qs.filter(person_id=int(person))
        return qs

    def get_object(self):
        return selectors.get_employment_for_user_or_404(self.request.user, self.kwargs["pk"])

    @extend_schema(request=EmploymentIn, responses={201: EmploymentOut})
    def create(self, request):
        data = EmploymentIn(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        person = selectors.get_person_for_user_or_404(request.user, values.pop("person"))
        employer = selectors.get_employer_for_user_or_404(request.user, values.pop("employer"))
        employment = services.employment_start(actor=request.user, person=person, employer=employer, **values)
        return Response(EmploymentOut(employment).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=EmploymentEndIn, responses=EmploymentOut)
    @action(detail=True, methods=["post"], permission_classes=[ChangePermission])
    def end(self, request, pk=None):
        employment = self.get_object()
        data = EmploymentEndIn(data=request.data)
        data.is_valid(raise_exception=True)
        employment = services.employment_end(
            actor=request.user,
            employment=employment,
            end_date=data.validated_data["end_date"],
            reason=data.validated_data["reason"],
        )
        return Response(EmploymentOut(employment).data)
