"""Employment pages under /employment/, in the namespace "employment"."""

from renshe.employment import assistance_urls, fair_urls, job_urls, monitoring_urls

app_name = "employment"
urlpatterns = [
    *job_urls.urlpatterns,
    *fair_urls.urlpatterns,
    *assistance_urls.urlpatterns,
    *monitoring_urls.urlpatterns,
]
