"""URLs of the cases module's public pages (included by renshe/cases/urls.py, namespace "cases")."""

from django.urls import path

from renshe.cases import public_views

urlpatterns = [
    path("mine/", public_views.my_cases, name="my_cases"),
    path("mine/<int:pk>/", public_views.my_case, name="my_case"),
    path("mine/<int:pk>/withdraw/", public_views.my_case_withdraw, name="my_case_withdraw"),
    path("mine/<int:pk>/resubmit/", public_views.my_case_resubmit, name="my_case_resubmit"),
    path("mine/<int:pk>/supply/", public_views.my_case_supply, name="my_case_supply"),
    path("mine/<int:pk>/rate/", public_views.my_case_rate, name="my_case_rate"),
    path("mine/bundles/<str:number>/", public_views.my_bundle, name="my_bundle"),
    path("verify/<str:token>/", public_views.verify, name="verify"),
]
