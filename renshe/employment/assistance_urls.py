"""Employment-assistance pages (merged into namespace "employment" by renshe/employment/urls.py)."""

from django.urls import path

from renshe.employment import assistance_views as v

urlpatterns = [
    path("assistance/", v.home, name="assistance_home"),
    path("assistance/ledger/", v.ledger, name="assistance_ledger"),
    path("assistance/find/", v.find, name="assistance_find"),
    path("assistance/register/", v.unemployment_window, name="assistance_register"),
    path("assistance/people/<int:pk>/", v.person_page, name="assistance_person"),
    path("assistance/people/<int:pk>/contacts/", v.contact_add, name="assistance_contact_add"),
    path("assistance/people/<int:pk>/plans/", v.plan_add, name="assistance_plan_add"),
    path("assistance/people/<int:pk>/plans/<int:plan_pk>/", v.plan_status, name="assistance_plan_status"),
    path("assistance/people/<int:pk>/unemployment/", v.unemployment_add, name="assistance_unemployment_add"),
    path("assistance/people/<int:pk>/difficulty/", v.difficulty, name="assistance_difficulty"),
    path("assistance/unemployment/<int:pk>/end/", v.unemployment_end, name="assistance_unemployment_end"),
    path("assistance/difficulty/<int:pk>/end/", v.difficulty_end, name="assistance_difficulty_end"),
    path("assistance/welfare/", v.welfare_list, name="assistance_welfare"),
    path("assistance/welfare/<int:pk>/", v.welfare_post, name="assistance_welfare_post"),
    path("assistance/placements/<int:pk>/end/", v.placement_end, name="assistance_placement_end"),
    path("assistance/households/", v.households, name="assistance_households"),
    path("assistance/graduates/", v.graduates, name="assistance_graduates"),
    path("assistance/graduates/<int:pk>/status/", v.graduate_status, name="assistance_graduate_status"),
]
