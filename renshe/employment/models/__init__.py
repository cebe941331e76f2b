"""Employment and recruitment (issue 4): the models live in one module per area and are re-exported here."""

from renshe.employment.models.assistance import (
    AssistanceContact,
    AssistancePlan,
    DifficultyRecognition,
    GraduateTracking,
    PublicWelfarePlacement,
    PublicWelfarePost,
    UnemploymentRegistration,
    ZeroEmploymentHousehold,
)
from renshe.employment.models.enterprise import GuaranteeLoan, IncubationBase, IncubationTenant
from renshe.employment.models.fairs import Booth, FairEvent, FairOutcome, FairRegistration, JobFair
from renshe.employment.models.jobs import Job, JobApplication, JobEvent, JobSeeker, Recommendation
from renshe.employment.models.monitoring import (
    EmploymentRegistration,
    HeadcountReport,
    LayoffWarning,
    MonitoredEmployer,
)

__all__ = [
    "AssistanceContact",
    "AssistancePlan",
    "Booth",
    "DifficultyRecognition",
    "EmploymentRegistration",
    "FairEvent",
    "FairOutcome",
    "FairRegistration",
    "GraduateTracking",
    "GuaranteeLoan",
    "HeadcountReport",
    "IncubationBase",
    "IncubationTenant",
    "Job",
    "JobApplication",
    "JobEvent",
    "JobFair",
    "JobSeeker",
    "LayoffWarning",
    "MonitoredEmployer",
    "PublicWelfarePlacement",
    "PublicWelfarePost",
    "Recommendation",
    "UnemploymentRegistration",
    "ZeroEmploymentHousehold",
]
