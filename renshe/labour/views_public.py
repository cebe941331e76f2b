"""Citizen pages of arbitration (placeholder while the pages are built)."""

from django.http import Http404


def _todo(request, *args, **kwargs):
    raise Http404


apply = my_cases = my_case = my_withdraw = my_document = published_list = published_detail = _todo
