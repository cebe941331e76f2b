"""Employment registration, enterprise monitoring, statistics and entrepreneurship pages (merged into
namespace "employment" by renshe/employment/urls.py)."""

from django.urls import path

from renshe.employment import monitoring_views as v

urlpatterns = [
    path("registrations/", v.registrations, name="monitoring_registrations"),
    path("monitoring/", v.home, name="monitoring_home"),
    path("monitoring/employers/<int:pk>/", v.employer_page, name="monitoring_employer"),
    path("monitoring/employers/<int:pk>/remove/", v.employer_remove, name="monitoring_employer_remove"),
    path("monitoring/warnings/<int:pk>/", v.warning_update, name="monitoring_warning"),
    path("monitoring/trends/", v.trends, name="monitoring_trends"),
    path("monitoring/report/", v.my_report, name="monitoring_my_report"),
    path("statistics/", v.statistics, name="statistics"),
    path("statistics/export.xlsx", v.statistics_export, name="statistics_export"),
    path("entrepreneurship/loans/", v.loan_list, name="loan_list"),
    path("entrepreneurship/loans/<int:pk>/", v.loan_detail, name="loan_detail"),
    path("entrepreneurship/bases/", v.base_list, name="incubation_list"),
    path("entrepreneurship/bases/<int:pk>/", v.base_detail, name="incubation_base"),
    path("entrepreneurship/tenants/<int:pk>/", v.tenant_update, name="incubation_tenant"),
]
