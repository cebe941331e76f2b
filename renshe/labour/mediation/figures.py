"""Plan figures of the mediation app (docs/figures.md): 调解成功率 (专栏2 #14) and cases received."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext_lazy as _

from renshe.core.figures import FLOW, RATE, figure
from renshe.labour.mediation import selectors


@figure("mediation.success_rate", label=_("劳动人事争议调解成功率"), unit="%", kind=RATE)
def success_rate(start: date, end: date):
    """Agreements ÷ cases concluded by mediation in the period (see selectors' docstring)."""
    return selectors.success_rate_by_county(start, end)


@figure("mediation.received", label=_("调解组织受理的争议"), unit="件", kind=FLOW)
def received(start: date, end: date):
    """Applications to any organisation in the period, by the organisation's county."""
    return selectors.received_by_county(start, end)
