"""Pages under /labour/contracts/, in the namespace "contracts"."""

from django.urls import path

from renshe.labour.contracts import views_employer as employer
from renshe.labour.contracts import views_public as public
from renshe.labour.contracts import views_staff as staff

app_name = "contracts"
urlpatterns = [
    # staff workbench
    path("", staff.contract_list, name="contract_list"),
    path("<int:pk>/", staff.contract_detail, name="contract_detail"),
    path("signing-rate/", staff.signing_rate, name="signing_rate"),
    path("licences/", staff.licence_list, name="licence_list"),
    path("licences/<int:pk>/", staff.licence_detail, name="licence_detail"),
    path("licences/<int:pk>/certificate.pdf", staff.licence_certificate, name="licence_certificate"),
    path("ratings/", staff.rating_list, name="rating_list"),
    path("ratings/<int:pk>/", staff.rating_detail, name="rating_detail"),
    path("blacklist/", staff.blacklist_page, name="blacklist"),
    path("blacklist/<int:pk>/", staff.blacklist_detail, name="blacklist_detail"),
    path("blacklist/<int:pk>/act/", staff.blacklist_act, name="blacklist_act"),
    path("blacklist/<int:pk>/decision.pdf", staff.blacklist_decision, name="blacklist_decision"),
    # the employer's own
    path("mine/", employer.my_contracts, name="my_contracts"),
    path("mine/<int:pk>/", employer.my_contract, name="my_contract"),
    path("mine/import/", employer.my_import, name="my_import"),
    path("mine/import/template.xlsx", employer.import_template, name="import_template"),
    path("mine/licences/", employer.my_licences, name="my_licences"),
    path("mine/licences/<int:pk>/certificate.pdf", employer.my_licence_certificate, name="my_licence_certificate"),
    path("mine/blacklist/", employer.my_blacklist, name="my_blacklist"),
    path("mine/blacklist/<int:pk>/apply/", employer.my_blacklist_apply, name="my_blacklist_apply"),
    path("mine/blacklist/<int:pk>/decision.pdf", employer.my_blacklist_decision, name="my_blacklist_decision"),
    # public
    path("public/licences/", public.public_licences, name="public_licences"),
    path("public/blacklist/", public.public_blacklist, name="public_blacklist"),
    path("public/credit/", public.public_credit, name="public_credit"),
]
