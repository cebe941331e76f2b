"""All case pages under /cases/, in the namespace "cases": the applicant's, the staff's, and files."""

from renshe.cases import file_urls, public_urls, staff_urls

app_name = "cases"
urlpatterns = [*public_urls.urlpatterns, *staff_urls.urlpatterns, *file_urls.urlpatterns]
