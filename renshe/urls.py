from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

urlpatterns = [
    path("", include("renshe.core.urls")),
    path("accounts/", include("renshe.accounts.urls")),
    path("registry/", include("renshe.registry.urls")),
    path("audit/", include("renshe.audit.urls")),
    path("services/", include("renshe.catalog.urls")),
    path("catalog/manage/", include("renshe.catalog.manage_urls")),
    path("cases/", include("renshe.cases.urls")),
    path("employment/", include("renshe.employment.urls")),
    path("labour/mediation/", include("renshe.labour.mediation.urls")),
    path("labour/inspection/", include("renshe.labour.inspection.urls")),
    path("labour/wages/", include("renshe.labour.wages.urls")),
    path("labour/contracts/", include("renshe.labour.contracts.urls")),
    path("labour/", include("renshe.labour.urls")),
    path("planning/projects/", include("renshe.planning.projects.urls")),
    path("planning/", include("renshe.planning.urls")),
    path("screen/", include("renshe.screen.urls")),
    path("messages/", include("renshe.accounts.message_urls")),
    path("calendar/", include("renshe.core.calendar_urls")),
    path("api/v1/", include("renshe.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("i18n/", include("django.conf.urls.i18n")),
    path(settings.ADMIN_URL, admin.site.urls),
]
