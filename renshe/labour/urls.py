"""Pages under /labour/, in the namespace "labour"."""

from django.urls import path

from renshe.labour import views_public, views_staff, views_stats

app_name = "labour"
urlpatterns = [
    # citizen portal (mobile-first)
    path("arbitration/apply/", views_public.apply, name="apply"),
    path("arbitration/mine/", views_public.my_cases, name="my_cases"),
    path("arbitration/mine/<int:pk>/", views_public.my_case, name="my_case"),
    path("arbitration/mine/<int:pk>/withdraw/", views_public.my_withdraw, name="my_withdraw"),
    path("arbitration/mine/<int:pk>/documents/<str:kind>/", views_public.my_document, name="my_document"),
    path("arbitration/awards/", views_public.published_list, name="published_awards"),
    path("arbitration/awards/<int:pk>/", views_public.published_detail, name="published_award"),
    # staff workbench
    path("arbitration/", views_staff.queue, name="queue"),
    path("arbitration/window/", views_staff.window_apply, name="window_apply"),
    path("arbitration/<int:pk>/", views_staff.case_detail, name="staff_case"),
    path("arbitration/<int:pk>/act/<str:action>/", views_staff.case_act, name="staff_act"),
    path("arbitration/<int:pk>/tribunal/", views_staff.form_tribunal, name="form_tribunal"),
    path("arbitration/<int:pk>/recusal/", views_staff.request_recusal, name="request_recusal"),
    path("arbitration/<int:pk>/recusal/<int:recusal_pk>/", views_staff.decide_recusal, name="decide_recusal"),
    path("arbitration/<int:pk>/hearing/", views_staff.schedule_hearing, name="schedule_hearing"),
    path("arbitration/<int:pk>/award/", views_staff.award, name="award"),
    path("arbitration/<int:pk>/documents/<str:kind>/", views_staff.document, name="staff_document"),
    path("arbitration/hearings/", views_staff.hearing_calendar, name="hearings"),
    path("arbitration/statistics/", views_stats.statistics, name="statistics"),
]
