from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

urlpatterns = [
    path("", include("renshe.core.urls")),
    path("accounts/", include("renshe.accounts.urls")),
    path("registry/", include("renshe.registry.urls")),
    path("audit/", include("renshe.audit.urls")),
    path("api/v1/", include("renshe.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("i18n/", include("django.conf.urls.i18n")),
    path(settings.ADMIN_URL, admin.site.urls),
]
