"""Figures of the contracts app (docs/figures.md): 企业劳动合同签订率 (专栏1 #12)."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext_lazy as _

from renshe.core.figures import CITY, COUNTIES, RATE, figure
from renshe.labour.contracts import rules
from renshe.labour.contracts.selectors import dangerously_signing_counts_by_county


@figure("contracts.signing_rate", label=_("企业劳动合同签订率"), unit="%", kind=RATE)
def signing_rate(start: date, end: date) -> dict:
    """Employees with an active registry employment on ``end`` who have a contract valid that day, over
    those employees, in percent — by county and for the city (a rate: as of the period's end)."""
    counts = dangerously_signing_counts_by_county(end)
    values = {}
    for code in COUNTIES:
        signed, employed = counts.get(code, (0, 0))
        rate = rules.signing_rate(signed, employed)
        if rate is not None:
            values[code] = rate
    signed = sum(s for s, _e in counts.values())
    employed = sum(e for _s, e in counts.values())
    city = rules.signing_rate(signed, employed)
    if city is not None:
        values[CITY] = city
    return values
