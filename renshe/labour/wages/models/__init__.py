"""Wage-payment monitoring (issue 5, parts 4 and 7): models by area, re-exported here."""

from renshe.labour.wages.models.partners import SCOPES, Partner
from renshe.labour.wages.models.payroll import BankImport, BankTransaction, Payroll, PayrollLine, Signature
from renshe.labour.wages.models.projects import (
    ArrearsRecord,
    Attendance,
    Deposit,
    Project,
    ProjectWorker,
    SpecialAccount,
)
from renshe.labour.wages.models.warnings import Level, WageWarning, WarningAction

__all__ = [
    "SCOPES",
    "ArrearsRecord",
    "Attendance",
    "BankImport",
    "BankTransaction",
    "Deposit",
    "Level",
    "Partner",
    "Payroll",
    "PayrollLine",
    "Project",
    "ProjectWorker",
    "Signature",
    "SpecialAccount",
    "WageWarning",
    "WarningAction",
]
