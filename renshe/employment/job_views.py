"""Pages for jobs and job seekers: the public search, a citizen's 求职登记 and matches, an employer's
postings, and the staff review queue and window registration. Thin: parse, fetch through the
scoped selectors, call one service, render."""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from renshe.accounts.models import Role
from renshe.accounts.scoping import region_prefix
from renshe.core.forms import apply_service_errors
from renshe.core.models import EducationLevel, Occupation, Region, RegionLevel
from renshe.core.paging import page_of, query_string_without_page
from renshe.core.pdf import qr_svg_data_uri
from renshe.employment import matching, selectors_jobs, services_jobs
from renshe.employment.job_forms import JobForm, ReviewForm, SeekerForm, place_choices
from renshe.employment.models import JobSeeker
from renshe.employment.models.jobs import JobStatus
from renshe.registry import selectors as registry_selectors

T = "employment/jobs/"


def _role_required(role: str):
    def decorator(view):
        @wraps(view)
        @login_required
        def wrapped(request, *args, **kwargs):
            if request.user.role != role or (role == Role.EMPLOYER and not request.user.employer_id):
                raise PermissionDenied
            if role == Role.CITIZEN and not request.user.person_id:
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


citizen_required = _role_required(Role.CITIZEN)
employer_required = _role_required(Role.EMPLOYER)


def _service_error_text(exc: ValidationError) -> str:
    return "；".join(exc.messages)


# --- public search and detail -------------------------------------------------------------------


@require_GET
def job_search(request):
    filters = selectors_jobs.JobFilters.from_params(request.GET)
    district = (request.GET.get("district") or filters.region[:6]).strip()[:6]
    page = page_of(selectors_jobs.job_search(filters=filters), request.GET.get("page"), size=20)
    context = {
        "page_obj": page,
        "filters": filters,
        "district": district,
        "query_string": query_string_without_page(request),
        "counties": Region.objects.filter(level=RegionLevel.COUNTY).order_by("code"),
        "towns": Region.objects.filter(level=RegionLevel.TOWN, parent_id=district).order_by("code") if district else [],
        "occupations": Occupation.objects.order_by("code"),
        "educations": EducationLevel.objects.order_by("rank"),
    }
    template = T + "_search_body.html" if request.htmx else T + "search.html"
    return render(request, template, context)


def _detail_context(request, job) -> dict:
    url = selectors_jobs.job_share_url(job)
    seeker = selectors_jobs.own_seeker(request.user)
    applied = bool(seeker) and seeker.applications.filter(job=job).exists()
    return {
        "job": job,
        "share_url": url,
        "qr": qr_svg_data_uri(url),
        "is_citizen": getattr(request.user, "role", None) == Role.CITIZEN,
        "has_profile": seeker is not None,
        "applied": applied,
    }


@require_GET
def job_detail(request, pk: int):
    job = selectors_jobs.get_public_job_or_404(pk)
    return render(request, T + "detail.html", _detail_context(request, job))


@require_GET
def job_share(request, token: str):
    job = selectors_jobs.get_job_by_share_token_or_404(token)
    return render(request, T + "detail.html", _detail_context(request, job))


@citizen_required
@require_POST
def job_apply(request, pk: int):
    job = selectors_jobs.get_public_job_or_404(pk)
    try:
        services_jobs.application_create(actor=request.user, job=job)
    except ValidationError as exc:
        messages.error(request, _service_error_text(exc))
        if "seeker" in getattr(exc, "error_dict", {}):
            return redirect("employment:seeker_profile")
    else:
        messages.success(request, _("已投递，用人单位将通过平台消息或电话与您联系"))
    return redirect("employment:job_detail", pk=job.pk)


# --- a citizen's 求职登记, matches and applications ------------------------------------------------


def _seeker_initial(seeker) -> dict:
    if seeker is None:
        return {"visible_to_employers": False}
    return {
        "desired_titles": seeker.desired_titles,
        "desired_occupations": [o.pk for o in seeker.desired_occupations.all()],
        "desired_regions": [r.pk for r in seeker.desired_regions.all()],
        "salary_expected": seeker.salary_expected,
        "hours": seeker.hours,
        "available_from": seeker.available_from,
        "skills": seeker.skills,
        "certificates": seeker.certificates,
        "summary": seeker.summary,
        "status": seeker.status,
        "visible_to_employers": seeker.visible_to_employers,
    }


def _seeker_form_page(request, *, person, seeker, base: str, done):
    form = SeekerForm(request.POST or None, initial=_seeker_initial(seeker))
    if request.method == "POST" and form.is_valid():
        try:
            saved = services_jobs.seeker_save(actor=request.user, person=person, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("求职登记已保存"))
            return redirect(done(saved))
    return render(
        request,
        T + "seeker_form.html",
        {"form": form, "person": person, "seeker": seeker, "base_template": base},
        status=400 if form.errors else 200,
    )


@citizen_required
@require_http_methods(["GET", "POST"])
def seeker_profile(request):
    seeker = selectors_jobs.own_seeker(request.user)
    return _seeker_form_page(
        request,
        person=request.user.person,
        seeker=seeker,
        base="portal_base.html",
        done=lambda saved: reverse("employment:seeker_matches"),
    )


@citizen_required
@require_GET
def seeker_matches(request):
    seeker = selectors_jobs.own_seeker(request.user)
    if seeker is None:
        messages.info(request, _("请先填写求职意向，系统将为您匹配岗位"))
        return redirect("employment:seeker_profile")
    return render(
        request,
        T + "matches.html",
        {
            "seeker": seeker,
            "matches": matching.jobs_for_seeker(seeker, limit=20),
            "recommendations": selectors_jobs.my_recommendations(viewer=request.user)[:10],
        },
    )


@citizen_required
@require_GET
def my_applications(request):
    page = page_of(selectors_jobs.my_applications(viewer=request.user), request.GET.get("page"))
    return render(request, T + "my_applications.html", {"page_obj": page, "query_string": ""})


# --- an employer's postings ---------------------------------------------------------------------


@employer_required
@require_GET
def employer_jobs(request):
    status = request.GET.get("status", "")
    page = page_of(selectors_jobs.employer_jobs(viewer=request.user, status=status), request.GET.get("page"))
    return render(
        request,
        T + "employer_jobs.html",
        {
            "page_obj": page,
            "status": status,
            "statuses": JobStatus.choices,
            "query_string": query_string_without_page(request),
        },
    )


def _timeline(job) -> list:
    events = list(selectors_jobs.job_events(job))
    for e in events:
        e.label = services_jobs.event_label(e.action)
        e.to_label = JobStatus(e.to_status).label if e.to_status in JobStatus.values else e.to_status
    return events


def _flag_message(job) -> str:
    return "；".join(f"{f['category']}“{f['phrase']}”：{f['reason']}" for f in job.review_flags)


@employer_required
@require_http_methods(["GET", "POST"])
def job_create(request):
    form = JobForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            job = services_jobs.job_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("岗位已提交，审核通过后公开发布"))
            if job.review_flags:
                messages.warning(request, _("以下内容将由审核员重点核实：%(f)s") % {"f": _flag_message(job)})
            return redirect("employment:job_manage", pk=job.pk)
    return render(
        request, T + "job_form.html", {"form": form, "title": _("发布岗位")}, status=400 if form.errors else 200
    )


def _job_initial(job) -> dict:
    return {
        "title": job.title,
        "description": job.description,
        "region": job.region_id,
        "occupation": job.occupation_id or "",
        "hours": job.hours,
        "salary_min": job.salary_min,
        "salary_max": job.salary_max,
        "headcount": job.headcount,
        "education": job.education_id or "",
        "age_min": job.age_min,
        "age_max": job.age_max,
        "expires_on": job.expires_on,
    }


@employer_required
@require_http_methods(["GET", "POST"])
def job_edit(request, pk: int):
    job = selectors_jobs.get_own_job_or_404(request.user, pk)
    form = JobForm(request.POST or None, initial=_job_initial(job))
    if request.method == "POST" and form.is_valid():
        changed = {k: v for k, v in form.cleaned_data.items() if k in form.changed_data}
        try:
            job = services_jobs.job_update(actor=request.user, job=job, **changed)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("已保存并重新提交审核"))
            return redirect("employment:job_manage", pk=job.pk)
    return render(
        request,
        T + "job_form.html",
        {"form": form, "title": _("修改岗位"), "job": job},
        status=400 if form.errors else 200,
    )


@employer_required
@require_GET
def job_manage(request, pk: int):
    job = selectors_jobs.get_own_job_or_404(request.user, pk)
    applications = list(selectors_jobs.job_applications(viewer=request.user, job=job)[:100])
    applied_ids = {a.seeker_id for a in applications}
    candidates = []
    if job.status in (JobStatus.PENDING, JobStatus.PUBLISHED):
        for m in matching.seekers_for_job(job, limit=20):
            candidates.append(
                {
                    "card": selectors_jobs.seeker_card(
                        m.seeker, employer_id=job.employer_id, applied=m.seeker_id in applied_ids
                    ),
                    "match": m,
                }
            )
    url = selectors_jobs.job_share_url(job) if job.status == JobStatus.PUBLISHED else ""
    return render(
        request,
        T + "manage.html",
        {
            "job": job,
            "events": _timeline(job),
            "actions": services_jobs.job_actions_for(job, request.user),
            "applications": [
                {
                    "application": a,
                    "card": selectors_jobs.seeker_card(a.seeker, employer_id=job.employer_id, applied=True),
                }
                for a in applications
            ],
            "candidates": candidates,
            "share_url": url,
            "qr": qr_svg_data_uri(url) if url else "",
            "editable": job.status in services_jobs.EDITABLE,
        },
    )


@employer_required
@require_POST
def application_contact(request, pk: int):
    application = selectors_jobs.get_application_for_employer_or_404(request.user, pk)
    values = services_jobs.application_contact_reveal(actor=request.user, application=application)
    return render(request, T + "_contact.html", {"values": values, "application": application})


@login_required
@require_POST
def job_action(request, pk: int):
    """One transition of the table (``services_jobs.JOB_ACTIONS``), by the owner or a reviewer."""
    user = request.user
    if user.role == Role.EMPLOYER:
        job = selectors_jobs.get_own_job_or_404(user, pk)
        back = reverse("employment:job_manage", args=[job.pk])
    elif user.is_bureau_staff:
        job = selectors_jobs.get_job_for_review_or_404(user, pk)
        back = reverse("employment:job_review", args=[job.pk])
    else:
        raise Http404
    action = request.POST.get("action", "")
    try:
        job = services_jobs.job_transition(job=job, action=action, actor=user, comment=request.POST.get("comment", ""))
    except ValidationError as exc:
        messages.error(request, _service_error_text(exc))
        return redirect(back)
    messages.success(request, _("已%(a)s：%(t)s") % {"a": services_jobs.JOB_ACTIONS[action].label, "t": job.title})
    if user.is_bureau_staff and action in ("approve", "reject"):
        return redirect("employment:job_review_queue")
    return redirect(back)


# --- staff: review queue, review page ------------------------------------------------------------


@login_required
@permission_required("employment.review_job", raise_exception=True)
@require_GET
def job_review_queue(request):
    prefix = region_prefix(request.user)
    if prefix is None:
        raise PermissionDenied
    status = request.GET.get("status", JobStatus.PENDING)
    region = request.GET.get("region", "").strip()[:12]
    flagged = request.GET.get("flagged") == "1"
    qs = selectors_jobs.review_queue(viewer=request.user, status=status, region=region, flagged=flagged)
    page = page_of(qs, request.GET.get("page"))
    return render(
        request,
        T + "review_queue.html",
        {
            "page_obj": page,
            "status": status,
            "statuses": JobStatus.choices,
            "region": region,
            "flagged": flagged,
            "places": place_choices(prefix)(),
            "query_string": query_string_without_page(request),
        },
    )


@login_required
@permission_required("employment.review_job", raise_exception=True)
@require_GET
def job_review(request, pk: int):
    job = selectors_jobs.get_job_for_review_or_404(request.user, pk)
    return render(
        request,
        T + "review.html",
        {
            "job": job,
            "events": _timeline(job),
            "actions": services_jobs.job_actions_for(job, request.user),
            "form": ReviewForm(),
        },
    )


# --- staff: job seekers ---------------------------------------------------------------------------


@login_required
@permission_required("employment.view_jobseeker", raise_exception=True)
@require_GET
def seeker_list(request):
    query = request.GET.get("q", "").strip()[:40]
    status = request.GET.get("status", "")
    page = page_of(selectors_jobs.seeker_list(viewer=request.user, query=query, status=status), request.GET.get("page"))
    persons = []
    person_q = request.GET.get("person_q", "").strip()[:40]
    if person_q and request.user.has_perm(services_jobs.SEEKER_WINDOW):
        persons = list(registry_selectors.person_list(viewer=request.user, query=person_q)[:10])
    return render(
        request,
        T + "seeker_list.html",
        {
            "page_obj": page,
            "query": query,
            "status": status,
            "statuses": JobSeeker.Status.choices,
            "query_string": query_string_without_page(request),
            "person_q": person_q,
            "persons": persons,
            "can_register": request.user.has_perm(services_jobs.SEEKER_WINDOW),
        },
    )


@login_required
@permission_required("employment.view_jobseeker", raise_exception=True)
@require_GET
def seeker_detail(request, pk: int):
    seeker = selectors_jobs.get_seeker_for_user_or_404(request.user, pk)
    return render(
        request,
        T + "seeker_detail.html",
        {
            "seeker": seeker,
            "matches": matching.jobs_for_seeker(seeker, limit=20),
            "can_register": request.user.has_perm(services_jobs.SEEKER_WINDOW),
        },
    )


@login_required
@permission_required(services_jobs.SEEKER_WINDOW, raise_exception=True)
@require_http_methods(["GET", "POST"])
def seeker_window(request, person_pk: int):
    person = registry_selectors.get_person_for_user_or_404(request.user, person_pk)
    return _seeker_form_page(
        request,
        person=person,
        seeker=selectors_jobs.seeker_of_person(person),
        base="workbench_base.html",
        done=lambda saved: reverse("employment:seeker_detail", args=[saved.pk]),
    )
