"""The mediation agreement (调解协议书) as PDF, rendered from the case's records when asked for.

Rendered on demand rather than stored: after ``agree`` the items, the text and the deadline no longer
change (the workflow allows no step that edits them), so the same records always give the same letter.
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from renshe.core.pdf import qr_svg_data_uri, render_pdf
from renshe.labour.mediation.models import MediationCase, Status


def agreement_pdf(case: MediationCase) -> bytes:
    if case.status not in (Status.AGREED, Status.REFERRED) or case.performance_deadline is None:
        raise ValueError("no agreement for this case")
    link = settings.PUBLIC_BASE_URL.rstrip("/") + reverse("mediation:my_case", kwargs={"pk": case.pk})
    items = [i for i in case.items.all() if i.agreed_amount is not None or i.agreed_terms]
    sessions = list(case.sessions.select_related("mediator"))
    context = {
        "case": case,
        "organisation": case.organisation,
        "applicant": case.applicant,
        "applicant_id": case.applicant.masked_id_number,
        "items": items,
        "total": sum((i.agreed_amount or 0 for i in items), 0),
        "mediators": sorted({str(s.mediator) for s in sessions}),
        "issued_on": case.concluded_on or timezone.localdate(),
        "qr": qr_svg_data_uri(link),
        "link": link,
    }
    return render_pdf("mediation/pdf/agreement.html", context)
