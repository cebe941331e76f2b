"""Test helpers for cases: small service items with known materials and steps."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from renshe.catalog.models import ServiceItem
from renshe.catalog.services import item_version_publish

# The smallest valid PDF: enough for the content check (magic number %PDF).
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf(name: str = "材料.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def service_item(
    *,
    code: str = "RS-T-001",
    name: str = "测试事项",
    steps: list | None = None,
    promised: int = 5,
    legal: int = 20,
    kind: str = "承诺件",
    auto_checks: list | None = None,
    materials: list | None = None,
    form_fields: list | None = None,
    channels: list | None = None,
) -> ServiceItem:
    item, _ = ServiceItem.objects.get_or_create(code=code, defaults={"name": name, "category": "employment"})
    item_version_publish(
        actor=None,
        item=item,
        values={
            "item_type": "公共服务",
            "legal_basis": "《就业服务与就业管理规定》",
            "level": "区县级",
            "implementing_body": "茂南区人力资源和社会保障局",
            "service_object": "自然人",
            "kind": kind,
            "conditions": "法定劳动年龄内、有劳动能力和就业要求、处于无业状态。",
            "steps": steps
            if steps is not None
            else [{"name": "受理", "role": "clerk"}, {"name": "审核", "role": "reviewer"}],
            "legal_limit_days": legal,
            "promised_limit_days": promised,
            "limit_note": "",
            "fee": 0,
            "fee_basis": "不收费",
            "result_name": "办理结果",
            "channels": channels or ["window", "web", "mobile"],
            "handling_office": "就业促进科",
            "place_hours": "茂南区政务服务中心人社窗口",
            "visits": 0,
            "online_depth": 4,
            "contacts": "12333",
            "auto_checks": auto_checks or [],
            "form_fields": form_fields
            if form_fields is not None
            else [
                {
                    "name": "reason",
                    "label": "失业原因",
                    "type": "choice",
                    "required": True,
                    "choices": ["劳动合同期满终止", "其他"],
                },
            ],
        },
        materials=materials
        if materials is not None
        else [
            {"name": "居民身份证", "form": "原件", "copies": 1, "requirement": "required"},
            {"name": "解除劳动合同证明", "form": "复印件", "copies": 1, "requirement": "deferrable"},
            {"name": "其他材料", "form": "复印件", "copies": 1, "requirement": "optional"},
        ],
    )
    return item


def material_ids(item: ServiceItem) -> dict[str, int]:
    return {m.name: m.pk for m in item.current_version.materials.all()}
