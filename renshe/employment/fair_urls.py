"""Job-fair pages under /employment/fairs/ (merged into namespace "employment" by renshe/employment/urls.py)."""

from django.urls import path

from renshe.employment import fair_views as views

urlpatterns = [
    # public and personal
    path("fairs/", views.fair_list, name="fair_list"),
    path("fairs/mine/", views.my_fairs, name="my_fairs"),
    path("fairs/<int:pk>/", views.fair_detail, name="fair_detail"),
    path("fairs/<int:pk>/live/", views.fair_live, name="fair_live"),
    path("fairs/<int:pk>/signup/", views.fair_sign_up, name="fair_sign_up"),
    path("fairs/<int:pk>/jobs/<int:job_pk>/apply/", views.fair_apply, name="fair_apply"),
    path("fairs/<int:pk>/book/", views.booth_book, name="fair_booth_book"),
    path("fairs/booths/<int:pk>/", views.booth_page, name="fair_booth"),
    path("fairs/booths/<int:pk>/outcome/", views.booth_outcome, name="fair_booth_outcome"),
    # staff
    path("fairs/manage/", views.manage_list, name="fair_manage_list"),
    path("fairs/manage/new/", views.manage_create, name="fair_manage_create"),
    path("fairs/manage/<int:pk>/", views.manage_detail, name="fair_manage"),
    path("fairs/manage/<int:pk>/edit/", views.manage_edit, name="fair_manage_edit"),
    path("fairs/manage/<int:pk>/transition/", views.manage_transition, name="fair_manage_transition"),
    path("fairs/manage/<int:pk>/export/", views.manage_export, name="fair_manage_export"),
    path("fairs/manage/booths/<int:pk>/approve/", views.booth_approve, name="fair_booth_approve"),
    path("fairs/manage/booths/<int:pk>/reject/", views.booth_reject, name="fair_booth_reject"),
    path("fairs/checkin/", views.checkin_list, name="fair_checkin_list"),
    path("fairs/<int:pk>/checkin/", views.checkin, name="fair_checkin"),
]
