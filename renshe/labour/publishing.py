"""Published awards without personal data (the plan: 裁决书公开).

What the public sees: the case number, dates, the employer's name (a business, kept), the claims by
kind and amount, the award and its reasoning. What it never sees: the applicant's name (张三 → 张某),
identity numbers, phone numbers, addresses, the arbitrators' names. Free text (facts, reasoning) is
scrubbed: the applicant's name, any 15/18-digit identity number, any mobile or landline number, and
the applicant's and an unregistered respondent's addresses are replaced.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from renshe.core.identity import COMPOUND_SURNAMES

_ID = re.compile(r"(?<!\d)\d{17}[\dXx](?!\d)|(?<!\d)\d{15}(?!\d)")
_PHONE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)|(?<!\d)0\d{2,3}-?\d{7,8}(?!\d)")


def pseudonym(name: str) -> str:
    """张三 → 张某; 欧阳修远 → 欧阳某."""
    name = (name or "").strip()
    if not name:
        return "某"
    keep = 2 if len(name) > 2 and name[:2] in COMPOUND_SURNAMES else 1
    return name[:keep] + "某"


def scrub(text: str, *, names: list[str], addresses: list[str]) -> str:
    text = text or ""
    for name in sorted({n for n in names if n}, key=len, reverse=True):
        text = text.replace(name, pseudonym(name))
    for address in sorted({a for a in addresses if a}, key=len, reverse=True):
        text = text.replace(address, "（地址略）")
    text = _ID.sub("（身份证号略）", text)
    return _PHONE.sub("（电话略）", text)


@dataclass
class PublicAward:
    pk: int
    number: str
    applicant: str
    respondent: str
    accepted_on: object
    decided_on: object
    published_on: object
    final_award: bool
    green_channel: bool
    claims: list
    amount_claimed: object
    amount_awarded: object
    facts: str
    reasoning: str


def public_award(case) -> PublicAward:
    person = case.applicant
    names = [person.name]
    addresses = [person.address, getattr(person, "household_address", "")]
    if case.respondent_employer_id is None:
        addresses.append(case.respondent_address)
    claims = [
        {
            "kind": c.get_kind_display(),
            "amount": c.amount,
            "period_from": c.period_from,
            "period_to": c.period_to,
            "upheld": c.upheld,
            "awarded": c.awarded_amount,
            "facts": scrub(c.facts, names=names, addresses=addresses),
        }
        for c in case.claims.all()
    ]
    return PublicAward(
        pk=case.pk,
        number=case.number,
        applicant=pseudonym(person.name),
        respondent=case.respondent_name,
        accepted_on=case.accepted_on,
        decided_on=case.decided_on,
        published_on=case.published_on,
        final_award=case.final_award,
        green_channel=case.green_channel,
        claims=claims,
        amount_claimed=case.amount_claimed,
        amount_awarded=case.amount_awarded,
        facts=scrub(case.facts, names=names, addresses=addresses),
        reasoning=scrub(case.decision_note, names=names, addresses=addresses),
    )
