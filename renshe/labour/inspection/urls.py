"""Pages under /labour/inspection/, in the namespace "inspection"."""

from django.urls import path

from renshe.labour.inspection import views_cases, views_complaints, views_draws, views_public

app_name = "inspection"
urlpatterns = [
    # citizens (mobile-first) and the public results of the random inspections
    path("my/", views_public.my_list, name="my_list"),
    path("my/new/", views_public.complaint_new, name="complaint_new"),
    path("my/<int:pk>/", views_public.my_detail, name="my_detail"),
    path("my/<int:pk>/refusal.pdf", views_public.my_refusal, name="my_refusal"),
    path("public/draws/", views_public.public_draws, name="public_draws"),
    path("public/draws/<int:pk>/", views_public.public_draw_detail, name="public_draw_detail"),
    # staff
    path("complaints/", views_complaints.complaint_list, name="complaint_list"),
    path("complaints/new/", views_complaints.complaint_enter, name="complaint_enter"),
    path("complaints/<int:pk>/", views_complaints.complaint_detail, name="complaint_detail"),
    path("complaints/<int:pk>/refusal.pdf", views_complaints.complaint_refusal, name="complaint_refusal"),
    path("complaints/<int:pk>/<slug:action>/", views_complaints.complaint_act, name="complaint_act"),
    path("cases/", views_cases.case_list, name="case_list"),
    path("cases/new/", views_cases.case_new, name="case_new"),
    path("cases/<int:pk>/", views_cases.case_detail, name="case_detail"),
    path("cases/<int:pk>/do/<slug:action>/", views_cases.case_act, name="case_act"),
    path(
        "cases/<int:pk>/documents/<slug:kind>/<int:doc_pk>/",
        views_cases.document_download,
        name="document_download",
    ),
    path("draws/", views_draws.draw_list, name="draw_list"),
    path("draws/new/", views_draws.plan_new, name="plan_new"),
    path("draws/<int:pk>/", views_draws.plan_detail, name="plan_detail"),
    path("draws/<int:pk>/<slug:action>/", views_draws.plan_act, name="plan_act"),
    path("grid/", views_draws.grid, name="grid"),
    path("stats/", views_draws.stats, name="stats"),
]
