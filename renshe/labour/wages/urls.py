"""Pages under /labour/wages/, in the namespace "wages"."""

from django.urls import path

from renshe.labour.wages import views_contractor as mine
from renshe.labour.wages import views_staff as staff

app_name = "wages"
urlpatterns = [
    # inspectors and other staff
    path("board/", staff.board, name="board"),
    path("warnings/<int:pk>/", staff.warning_detail, name="warning_detail"),
    path("warnings/<int:pk>/act/", staff.warning_act, name="warning_act"),
    path("projects/", staff.project_list, name="project_list"),
    path("projects/<int:pk>/", staff.project_detail, name="project_detail"),
    path("accounts/", staff.account_list, name="account_list"),
    path("partners/", staff.partner_list, name="partner_list"),
    # the contractor
    path("my/", mine.my_projects, name="my_projects"),
    path("my/new/", mine.project_new, name="project_new"),
    path("my/<int:pk>/", mine.my_project, name="my_project"),
    path("my/<int:pk>/account/", mine.account_open, name="account_open"),
    path("my/<int:pk>/deposit/", mine.deposit_lodge, name="deposit_lodge"),
    path("my/<int:pk>/workers/", mine.worker_add, name="worker_add"),
    path("my/<int:pk>/attendance/", mine.attendance_import, name="attendance_import"),
    path("my/<int:pk>/attendance/day/", mine.attendance_enter, name="attendance_enter"),
    path("my/<int:pk>/notice-board/", mine.notice_board, name="notice_board"),
    path("my/<int:pk>/payroll/", mine.payroll_new, name="payroll_new"),
    path("my/payrolls/<int:pk>/", mine.my_payroll, name="my_payroll"),
    # the worker
    path("me/", mine.worker_home, name="worker_home"),
    path("me/lines/<int:pk>/confirm/", mine.line_confirm, name="line_confirm"),
]
