"""Pages under /labour/mediation/, in the namespace "mediation"."""

from django.urls import path

from renshe.labour.mediation import citizen_views, staff_views

app_name = "mediation"
urlpatterns = [
    path("cases/", staff_views.case_list, name="case_list"),
    path("cases/new/", staff_views.case_new, name="case_new"),
    path("cases/<int:pk>/", staff_views.case_detail, name="case_detail"),
    path("cases/<int:pk>/act/<slug:action>/", staff_views.case_act, name="case_act"),
    path("cases/<int:pk>/agreement.pdf", citizen_views.agreement_download, name="agreement_pdf"),
    path("organisations/", staff_views.organisation_list, name="organisation_list"),
    path("statistics/", staff_views.statistics, name="statistics"),
    path("my/", citizen_views.my_cases, name="my_cases"),
    path("my/apply/", citizen_views.apply, name="apply"),
    path("my/<int:pk>/", citizen_views.my_case, name="my_case"),
    path("my/<int:pk>/<slug:action>/", citizen_views.my_act, name="my_act"),
]
