"""REST endpoints of jobs (DESIGN.md: /api/v1/jobs/).

Anyone searches open jobs (``q``, ``region``, ``occupation``, ``education``, ``pay_min``, ``hours``);
an employer also sees its own jobs in any state (``mine=1`` for only those) and POSTs a posting with
``title``, ``description``, ``region`` (a region code), ``salary_min``, ``salary_max`` (元/月),
``headcount`` and optionally ``occupation``, ``education``, ``age_min``, ``age_max``, ``hours``,
``expires_on``. A posting goes to review (``pending``); one that breaks the law is refused (400,
the reason and its legal source under the field), one with a doubtful requirement is held with
``review_flags``. ``transition`` moves a job (approve/reject by a reviewer of its region,
withdraw/fill/renew by the owner); ``candidates`` lists opted-in seekers for the owner (masked);
``matches`` lists the best jobs for the signed-in citizen with the reasons.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle

from renshe.accounts.models import Role
from renshe.core.api_views import ScopedViewSet
from renshe.employment import matching, selectors_jobs, services_jobs
from renshe.employment.models import Job
from renshe.employment.models.jobs import Hours, JobStatus

# --- serializers ----------------------------------------------------------------------------


class JobOut(serializers.ModelSerializer):
    employer = serializers.IntegerField(source="employer_id")
    employer_name = serializers.CharField(source="employer.name")
    region = serializers.CharField(source="region_id")
    region_name = serializers.CharField(source="region.name")
    occupation_name = serializers.CharField(source="occupation.name", default="")
    education_name = serializers.CharField(source="education.name", default="")
    status_label = serializers.CharField(source="get_status_display")
    hours_label = serializers.CharField(source="get_hours_display")
    share_url = serializers.SerializerMethodField()
    review_flags = serializers.SerializerMethodField(help_text="the automatic check's warnings (owner and staff)")
    review_note = serializers.SerializerMethodField(help_text="the reviewer's note (owner and staff)")

    class Meta:
        model = Job
        fields = [
            "id",
            "title",
            "description",
            "employer",
            "employer_name",
            "region",
            "region_name",
            "salary_min",
            "salary_max",
            "headcount",
            "occupation",
            "occupation_name",
            "education",
            "education_name",
            "age_min",
            "age_max",
            "hours",
            "hours_label",
            "status",
            "status_label",
            "published_at",
            "expires_on",
            "share_url",
            "review_flags",
            "review_note",
        ]

    def _insider(self, job) -> bool:
        user = self.context.get("user")
        return services_jobs.is_job_owner(user, job) or bool(
            getattr(user, "is_bureau_staff", False) and user.has_perm("employment.view_job")
        )

    def get_share_url(self, job) -> str | None:
        return selectors_jobs.job_share_url(job) if job.status == JobStatus.PUBLISHED else None

    def get_review_flags(self, job) -> list[dict]:
        return job.review_flags if self._insider(job) else []

    def get_review_note(self, job) -> str:
        return job.review_note if self._insider(job) else ""


class JobIn(serializers.Serializer):
    title = serializers.CharField(max_length=60)
    description = serializers.CharField(max_length=4000)
    region = serializers.CharField(max_length=12, help_text="区划代码（区县或镇街）")
    salary_min = serializers.IntegerField(min_value=0, help_text="元/月")
    salary_max = serializers.IntegerField(min_value=0, help_text="元/月")
    headcount = serializers.IntegerField(min_value=0)
    occupation = serializers.CharField(max_length=10, required=False, allow_blank=True, default="")
    education = serializers.CharField(max_length=10, required=False, allow_blank=True, default="")
    age_min = serializers.IntegerField(required=False, allow_null=True, default=None, min_value=0)
    age_max = serializers.IntegerField(required=False, allow_null=True, default=None, min_value=0)
    hours = serializers.ChoiceField(choices=Hours.choices, required=False, default=Hours.FULL_TIME)
    expires_on = serializers.DateField(required=False, allow_null=True, default=None)


class JobPatch(JobIn):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = False


class TransitionIn(serializers.Serializer):
    action = serializers.ChoiceField(choices=sorted(a for a in services_jobs.JOB_ACTIONS if a != "expire"))
    comment = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class MatchJobOut(serializers.Serializer):
    score = serializers.FloatField()
    reasons = serializers.ListField(child=serializers.CharField())
    job = JobOut()


class CandidateOut(serializers.Serializer):
    seeker = serializers.IntegerField(source="card.seeker_id")
    name = serializers.CharField(
        source="card.name", help_text="masked (张*) unless the seeker applied to this employer"
    )
    gender = serializers.CharField(source="card.gender")
    age = serializers.IntegerField(source="card.age", allow_null=True)
    education = serializers.CharField(source="card.education")
    desired_titles = serializers.CharField(source="card.desired_titles")
    skills = serializers.CharField(source="card.skills")
    certificates = serializers.CharField(source="card.certificates")
    salary_expected = serializers.IntegerField(source="card.salary_expected", allow_null=True)
    applied = serializers.BooleanField(source="card.applied")
    score = serializers.FloatField(source="match.score")
    reasons = serializers.ListField(child=serializers.CharField(), source="match.reasons")


# --- viewset ------------------------------------------------------------------------------------

_FILTERS = [
    OpenApiParameter("q", str, description="关键词（岗位名称、描述，中文分词）"),
    OpenApiParameter("region", str, description="区划代码前缀：区县或镇街"),
    OpenApiParameter("occupation", str, description="职业代码（含其下级）"),
    OpenApiParameter("education", str, description="求职者学历代码：只列要求不高于它的岗位"),
    OpenApiParameter("pay_min", int, description="月薪上限不低于（元/月）"),
    OpenApiParameter("hours", str, enum=Hours.values),
    OpenApiParameter("status", str, enum=JobStatus.values, description="单位和工作人员：按状态"),
    OpenApiParameter("mine", bool, description="单位：只列本单位岗位"),
]


class _AnonThrottle(AnonRateThrottle):
    rate = "120/min"


@extend_schema(tags=["employment"])
class JobViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """Job postings: open jobs for anyone, an employer's own in any state, a region's for its staff."""

    serializer_class = JobOut
    queryset = Job.objects.none()  # for the schema; rows come from scoped_queryset
    throttle_classes = [_AnonThrottle]

    def get_permissions(self):
        if self.action in ("list", "retrieve"):
            return [AllowAny()]
        return [IsAuthenticated()]

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "user": self.request.user}

    def scoped_queryset(self, user):
        params = self.request.query_params
        state = params.get("status", "")
        if state and state not in JobStatus.values:
            raise serializers.ValidationError({"status": _("无效的岗位状态：%(s)s") % {"s": state}})
        return selectors_jobs.job_list_for_user(
            viewer=user,
            filters=selectors_jobs.JobFilters.from_params(params),
            status=state,
            mine=params.get("mine") in ("1", "true", "True"),
        )

    @extend_schema(parameters=_FILTERS)
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    def get_object(self):
        return selectors_jobs.get_job_for_user_or_404(self.request.user, self.kwargs["pk"])

    def _out(self, job, code=status.HTTP_200_OK) -> Response:
        job = selectors_jobs.get_job_for_user_or_404(self.request.user, job.pk)
        return Response(JobOut(job, context={"user": self.request.user}).data, status=code)

    @extend_schema(request=JobIn, responses={201: JobOut})
    def create(self, request):
        if request.user.role != Role.EMPLOYER or not request.user.employer_id:
            raise exceptions.PermissionDenied(_("只有用人单位账号可以发布岗位"))
        data = JobIn(data=request.data)
        data.is_valid(raise_exception=True)
        job = services_jobs.job_create(actor=request.user, **data.validated_data)
        return self._out(job, status.HTTP_201_CREATED)

    @extend_schema(request=JobPatch, responses=JobOut)
    def partial_update(self, request, pk=None):
        job = selectors_jobs.get_own_job_or_404(request.user, pk)
        data = JobPatch(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        job = services_jobs.job_update(actor=request.user, job=job, **data.validated_data)
        return self._out(job)

    @extend_schema(
        request=TransitionIn,
        responses=JobOut,
        description="审核通过/不通过（审核员），撤回、已招满、重新提交（本单位）。",
    )
    @action(detail=True, methods=["post"])
    def transition(self, request, pk=None):
        user = request.user
        if user.role == Role.EMPLOYER:
            job = selectors_jobs.get_own_job_or_404(user, pk)
        elif user.is_bureau_staff:
            job = selectors_jobs.get_job_for_review_or_404(user, pk)
        else:
            raise exceptions.NotFound()
        data = TransitionIn(data=request.data)
        data.is_valid(raise_exception=True)
        job = services_jobs.job_transition(
            job=job, action=data.validated_data["action"], actor=user, comment=data.validated_data["comment"]
        )
        return self._out(job)

    @extend_schema(responses=CandidateOut(many=True), description="本单位岗位的匹配求职者（已同意公开；姓名脱敏）。")
    @action(detail=True, methods=["get"])
    def candidates(self, request, pk=None):
        job = selectors_jobs.get_own_job_or_404(request.user, pk)
        applied = set(selectors_jobs.job_applications(viewer=request.user, job=job).values_list("seeker_id", flat=True))
        rows = [
            {
                "card": selectors_jobs.seeker_card(
                    m.seeker, employer_id=job.employer_id, applied=m.seeker_id in applied
                ),
                "match": m,
            }
            for m in matching.seekers_for_job(job, limit=20)
        ]
        return Response(CandidateOut(rows, many=True).data)

    @extend_schema(
        parameters=[OpenApiParameter("limit", int, description="1–50, default 20")],
        responses=MatchJobOut(many=True),
        description="为登录的个人匹配岗位（需先完成求职登记），每个结果附匹配理由。",
    )
    @action(detail=False, methods=["get"])
    def matches(self, request):
        seeker = selectors_jobs.own_seeker(request.user)
        if seeker is None:
            raise exceptions.NotFound(_("请先完成求职登记"))
        try:
            limit = max(1, min(50, int(request.query_params.get("limit", 20))))
        except ValueError:
            raise serializers.ValidationError({"limit": _("请填写1到50之间的整数")}) from None
        rows = matching.jobs_for_seeker(seeker, limit=limit)
        return Response(
            MatchJobOut(
                [{"score": round(m.score, 4), "reasons": m.reasons, "job": m.job} for m in rows],
                many=True,
                context={"user": request.user},
            ).data
        )
