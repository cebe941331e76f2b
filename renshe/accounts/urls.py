from django.urls import path

from renshe.accounts import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.PlatformLoginView.as_view(), name="login"),
    path("logout/", views.PlatformLogoutView.as_view(), name="logout"),
    path("register/", views.register_citizen, name="register_citizen"),
    path("register/employer/", views.register_employer, name="register_employer"),
]
