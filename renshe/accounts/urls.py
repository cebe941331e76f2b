from django.urls import path

from renshe.accounts import staff_views, views

app_name = "accounts"
urlpatterns = [
    path("login/", views.PlatformLoginView.as_view(), name="login"),
    path("logout/", views.PlatformLogoutView.as_view(), name="logout"),
    path("two-factor/", views.two_factor, name="two_factor"),
    path("register/", views.register_citizen, name="register_citizen"),
    path("register/employer/", views.register_employer, name="register_employer"),
    path("users/", staff_views.user_list, name="user_list"),
    path("users/new/", staff_views.user_new, name="user_new"),
]
