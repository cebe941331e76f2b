"""REST endpoints of the public service catalogue (DESIGN.md: /api/v1/service-items/, /api/v1/bundles/).

The catalogue is public: anyone may read the guides, signed in or not. Each item is shown as its
current version; cases keep the version they were filed under (``ServiceItemVersion``).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import mixins, serializers
from rest_framework.permissions import AllowAny

from renshe.catalog import selectors
from renshe.catalog.models import (
    Bundle,
    BundleItem,
    Category,
    Material,
    Requirement,
    ServiceItem,
    ServiceItemVersion,
)
from renshe.core.api_views import ScopedViewSet

# --- serializers ----------------------------------------------------------------------------


class MaterialOut(serializers.ModelSerializer):
    requirement_label = serializers.CharField(source="get_requirement_display")

    class Meta:
        model = Material
        fields = ["id", "name", "form", "copies", "requirement", "requirement_label", "note"]


class ItemSummaryOut(serializers.ModelSerializer):
    """One line of the catalogue: what the item is and how long it takes (working days)."""

    category_label = serializers.CharField(source="get_category_display")
    version = serializers.IntegerField(source="current_version.number")
    item_type = serializers.CharField(source="current_version.item_type")
    kind = serializers.CharField(source="current_version.kind")
    legal_limit_days = serializers.IntegerField(source="current_version.legal_limit_days")
    promised_limit_days = serializers.IntegerField(source="current_version.promised_limit_days")
    channels = serializers.ListField(source="current_version.channels", child=serializers.CharField())

    class Meta:
        model = ServiceItem
        fields = [
            "code",
            "name",
            "category",
            "category_label",
            "version",
            "item_type",
            "kind",
            "legal_limit_days",
            "promised_limit_days",
            "channels",
        ]


class GuideOut(serializers.ModelSerializer):
    """Every element of the guide (DOMAIN.md §3) of one item version. Time limits in working days."""

    version = serializers.IntegerField(source="number")
    materials = MaterialOut(many=True, read_only=True)
    fee = serializers.DecimalField(max_digits=10, decimal_places=2, coerce_to_string=True)
    limit_unit = serializers.SerializerMethodField()

    class Meta:
        model = ServiceItemVersion
        fields = [
            "version",
            "published_at",
            "change_note",
            "item_type",
            "legal_basis",
            "level",
            "implementing_body",
            "service_object",
            "kind",
            "conditions",
            "materials",
            "steps",
            "legal_limit_days",
            "promised_limit_days",
            "limit_unit",
            "limit_note",
            "fee",
            "fee_basis",
            "result_name",
            "channels",
            "handling_office",
            "place_hours",
            "visits",
            "online_depth",
            "contacts",
            "auto_checks",
            "form_fields",
        ]

    def get_limit_unit(self, version) -> str:
        return "working_days"


class ItemDetailOut(serializers.ModelSerializer):
    category_label = serializers.CharField(source="get_category_display")
    guide = GuideOut(source="current_version")

    class Meta:
        model = ServiceItem
        fields = ["code", "name", "category", "category_label", "guide"]


class BundleItemOut(serializers.Serializer):
    order = serializers.IntegerField()
    code = serializers.CharField(source="item.code")
    name = serializers.CharField(source="item.name")
    version = serializers.IntegerField(source="item.current_version.number", allow_null=True)
    legal_limit_days = serializers.IntegerField(source="item.current_version.legal_limit_days", allow_null=True)
    promised_limit_days = serializers.IntegerField(source="item.current_version.promised_limit_days", allow_null=True)


class BundleOut(serializers.ModelSerializer):
    items = BundleItemOut(source="bundleitem_set", many=True, read_only=True)

    class Meta:
        model = Bundle
        fields = ["code", "name", "description", "items"]


# A material two items share is as strict as the stricter of them.
_STRICTNESS = {Requirement.OPTIONAL: 0, Requirement.DEFERRABLE: 1, Requirement.REQUIRED: 2}


class BundleMaterialOut(serializers.Serializer):
    name = serializers.CharField()
    form = serializers.CharField()
    copies = serializers.IntegerField()
    requirement = serializers.CharField()
    items = serializers.ListField(child=serializers.CharField(), help_text="the items that ask for it")


class BundleDetailOut(BundleOut):
    materials = serializers.SerializerMethodField()

    class Meta(BundleOut.Meta):
        fields = [*BundleOut.Meta.fields, "materials"]

    @extend_schema_field(BundleMaterialOut(many=True))
    def get_materials(self, bundle) -> list[dict]:
        """The materials of all the bundle's items, each name once (一件事: one upload serves every
        item that asks for a material of the same name), with the items that ask for it."""
        merged: dict[str, dict] = {}
        for link in bundle.bundleitem_set.all():
            version = link.item.current_version
            if version is None:
                continue
            for m in version.materials.all():
                entry = merged.setdefault(
                    m.name,
                    {"name": m.name, "form": m.form, "copies": m.copies, "requirement": m.requirement, "items": []},
                )
                entry["items"].append(link.item.code)
                if _STRICTNESS[m.requirement] > _STRICTNESS[entry["requirement"]]:
                    entry["requirement"] = m.requirement
        return list(merged.values())


# --- viewsets -------------------------------------------------------------------------------


@extend_schema(tags=["catalog"])
class ServiceItemViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """The public service catalogue; an item's detail is the full guide of its current version."""

    permission_classes = [AllowAny]
    lookup_field = "code"
    lookup_value_regex = r"[A-Za-z0-9_.\-]+"
    queryset = ServiceItem.objects.none()  # for the schema; rows come from scoped_queryset

    def scoped_queryset(self, user):
        params = self.request.query_params
        category = params.get("category", "")
        if category and category not in Category.values:
            raise ValidationError({"category": _("无效的事项类别：%(c)s") % {"c": category}})
        return selectors.catalogue_search(query=params.get("q", ""), category=category).filter(
            current_version__isnull=False
        )

    def get_serializer_class(self):
        return ItemDetailOut if self.action == "retrieve" else ItemSummaryOut

    @extend_schema(
        parameters=[
            OpenApiParameter("q", str, description="事项名称（包含）或事项编码"),
            OpenApiParameter("category", str, enum=Category.values),
        ]
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    def get_object(self):
        item = selectors.get_item_or_404(self.kwargs["code"])
        version = selectors.current_version(item)
        # One query for the materials instead of one per access.
        item.current_version = ServiceItemVersion.objects.filter(pk=version.pk).prefetch_related("materials").get()
        return item


def _bundle_queryset():
    links = BundleItem.objects.select_related("item__current_version").order_by("order", "id")
    return selectors.bundles_active().prefetch_related(Prefetch("bundleitem_set", queryset=links))


@extend_schema(tags=["catalog"])
class BundleViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """一件事 bundles: one application for several items; the detail lists the shared materials."""

    permission_classes = [AllowAny]
    lookup_field = "code"
    lookup_value_regex = r"[A-Za-z0-9_.\-]+"
    queryset = Bundle.objects.none()

    def scoped_queryset(self, user):
        return _bundle_queryset()

    def get_serializer_class(self):
        return BundleDetailOut if self.action == "retrieve" else BundleOut

    def get_object(self):
        selectors.get_bundle_or_404(self.kwargs["code"])
        links = BundleItem.objects.select_related("item__current_version").prefetch_related(
            "item__current_version__materials"
        )
        return (
            selectors.bundles_active()
            .prefetch_related(Prefetch("bundleitem_set", queryset=links.order_by("order", "id")))
            .get(code=self.kwargs["code"])
        )
