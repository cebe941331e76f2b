"""Data of the labour inspection app (劳动保障监察): complaints, cases, the grid, random draws."""

from renshe.labour.inspection.models.cases import (
    ActionKind,
    CaseSource,
    CaseStatus,
    CaseTransition,
    InspectionAction,
    InspectionCase,
    Penalty,
    RectificationOrder,
    RecusalDecision,
)
from renshe.labour.inspection.models.complaints import (
    Complaint,
    ComplaintChannel,
    ComplaintKind,
    ComplaintStatus,
    ComplaintTransition,
    RefusalReason,
    ViolationType,
)
from renshe.labour.inspection.models.draws import Draw, DrawPublication, DrawTarget, InspectionPlan
from renshe.labour.inspection.models.grid import ConflictDeclaration, GridAssignment

__all__ = [
    "ActionKind",
    "CaseSource",
    "CaseStatus",
    "CaseTransition",
    "Complaint",
    "ComplaintChannel",
    "ComplaintKind",
    "ComplaintStatus",
    "ComplaintTransition",
    "ConflictDeclaration",
    "Draw",
    "DrawPublication",
    "DrawTarget",
    "GridAssignment",
    "InspectionAction",
    "InspectionCase",
    "InspectionPlan",
    "Penalty",
    "RectificationOrder",
    "RecusalDecision",
    "RefusalReason",
    "ViolationType",
]
