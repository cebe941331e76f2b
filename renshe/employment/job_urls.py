"""URLs of jobs and job seekers (merged into namespace "employment" by renshe/employment/urls.py)."""

from django.urls import path

from renshe.employment import job_views as v

urlpatterns = [
    # the public
    path("jobs/", v.job_search, name="job_search"),
    path("jobs/<int:pk>/", v.job_detail, name="job_detail"),
    path("jobs/s/<str:token>/", v.job_share, name="job_share"),
    # a citizen
    path("jobs/<int:pk>/apply/", v.job_apply, name="job_apply"),
    path("jobs/me/", v.seeker_profile, name="seeker_profile"),
    path("jobs/me/matches/", v.seeker_matches, name="seeker_matches"),
    path("jobs/me/applications/", v.my_applications, name="my_applications"),
    # an employer
    path("jobs/mine/", v.employer_jobs, name="employer_jobs"),
    path("jobs/new/", v.job_create, name="job_create"),
    path("jobs/<int:pk>/edit/", v.job_edit, name="job_edit"),
    path("jobs/<int:pk>/manage/", v.job_manage, name="job_manage"),
    path("jobs/applications/<int:pk>/contact/", v.application_contact, name="application_contact"),
    # the owner or a reviewer
    path("jobs/<int:pk>/action/", v.job_action, name="job_action"),
    # staff
    path("jobs/review/", v.job_review_queue, name="job_review_queue"),
    path("jobs/<int:pk>/review/", v.job_review, name="job_review"),
    path("jobs/seekers/", v.seeker_list, name="seeker_list"),
    path("jobs/seekers/<int:pk>/", v.seeker_detail, name="seeker_detail"),
    path("jobs/persons/<int:person_pk>/seeker/", v.seeker_window, name="seeker_window"),
]
